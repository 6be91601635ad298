namespace HelpdeskBot.People;

/// <summary>A line an import could not take, and why (line 0: the whole file).</summary>
public sealed record PeopleImportError(int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}
