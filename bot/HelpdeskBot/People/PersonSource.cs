namespace HelpdeskBot.People;

/// <summary>Where a person's row was last written from (stored as a lowercase string).</summary>
public enum PersonSource
{
    Activity,
    Csv,
    Api,
}
