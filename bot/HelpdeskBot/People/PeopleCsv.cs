namespace HelpdeskBot.People;

/// <summary>
/// A people CSV file: a header row naming the columns (any order, any case), then one person per line. Columns:
/// name, email, department, location, manager_email; optional aad_object_id, teams_id, roles (agent, admin; several separated by ; or spaces). A column left out of the header
/// keeps what is stored; an empty cell clears it (except name and the ids).
/// </summary>
public static class PeopleCsv
{
    public static readonly string[] RequiredColumns = ["name", "email"];
    public static readonly string[] OptionalColumns = ["department", "location", "manager_email", "aad_object_id", "teams_id", "roles"];

    public sealed record Parsed(IReadOnlyList<(int Line, PersonRecord Record)> Records, IReadOnlyList<PeopleImportError> Errors)
    {
        /// <summary>True when the header itself is unusable: nothing in the file was read.</summary>
        public bool Unreadable => Records.Count == 0 && Errors is [{ Line: <= 1 }, ..];
    }

    public static Parsed Parse(TextReader reader)
    {
        using var rows = CsvParser.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            return new([], [new(0, "the file is empty: the first line must name the columns (name,email,department,location,manager_email)")]);
        }

        var (columns, headerError) = Header(rows.Current);
        if (headerError is not null)
        {
            return new([], [new(rows.Current.Line, headerError)]);
        }

        List<(int, PersonRecord)> records = [];
        List<PeopleImportError> errors = [];
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (row.Error is not null)
            {
                errors.Add(new(row.Line, row.Error));
            }
            else if (row.Fields.Count != columns.Count)
            {
                errors.Add(new(row.Line, $"{row.Fields.Count} fields, but the header names {columns.Count} columns"));
            }
            else
            {
                records.Add((row.Line, Record(columns, row.Fields)));
            }
        }

        return new(records, errors);
    }

    private static PersonRecord Record(Dictionary<string, int> columns, IReadOnlyList<string> fields)
    {
        string? Cell(string column) => columns.TryGetValue(column, out var i) ? fields[i].Trim() : null;
        return new PersonRecord(
            Cell("email") ?? "", Cell("name"), Cell("department"), Cell("location"), Cell("manager_email"),
            Cell("aad_object_id"), Cell("teams_id"), Cell("roles"));
    }

    private static (Dictionary<string, int> Columns, string? Error) Header(CsvRow header)
    {
        Dictionary<string, int> columns = [];
        if (header.Error is not null)
        {
            return (columns, $"the header cannot be read: {header.Error}");
        }

        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant().Replace(' ', '_');
            if (!RequiredColumns.Contains(name) && !OptionalColumns.Contains(name))
            {
                return (columns, $"unknown column '{header.Fields[i].Trim()}' (known: {string.Join(", ", RequiredColumns.Concat(OptionalColumns))})");
            }

            if (!columns.TryAdd(name, i))
            {
                return (columns, $"the column '{name}' is named twice");
            }
        }

        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        return missing.Count > 0
            ? (columns, $"the header has no {string.Join(" or ", missing.Select(m => $"'{m}'"))} column")
            : (columns, null);
    }
}
