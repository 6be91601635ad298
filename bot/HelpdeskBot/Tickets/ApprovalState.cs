namespace HelpdeskBot.Tickets;

public enum ApprovalState
{
    NotRequired,
    Pending,
    Approved,
    Rejected,
}
