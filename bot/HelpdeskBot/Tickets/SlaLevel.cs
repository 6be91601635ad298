namespace HelpdeskBot.Tickets;

public enum SlaLevel
{
    OnTrack,
    Warning,
    Breached,
}
