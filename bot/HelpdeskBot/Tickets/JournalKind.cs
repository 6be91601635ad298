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
}
