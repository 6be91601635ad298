namespace HelpdeskBot.People;

/// <summary>What an import did; each error names its line.</summary>
public sealed record PeopleImportReport(int Added, int Updated, int Unchanged, IReadOnlyList<PeopleImportError> Errors)
{
    public override string ToString() =>
        $"{Added} added, {Updated} updated, {Unchanged} unchanged, {Errors.Count} with errors";
}
