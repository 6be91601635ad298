namespace HelpdeskBot.Tickets;

public enum JournalKind
{
    Created,
    StateChanged,
    Assigned,
    Comment,
    Approval,
    SlaWarning,
    SlaBreach,
    Rating,

    /// <summary>The approval card could not reach the approver (or nobody could be named): the queue is told.</summary>
    ApprovalStuck,

    /// <summary>An agent named another approver.</summary>
    ApproverChanged,

    PriorityChanged,

    /// <summary>A live chat between requester and agent started, was picked up, or ended.</summary>
    Handoff,

    /// <summary>One message relayed between requester and agent: the transcript.</summary>
    Chat,
}
