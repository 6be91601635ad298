namespace HelpdeskBot.People;

public enum PersonWriteOutcome
{
    Added,
    Updated,
    Unchanged,
    Refused,
}
