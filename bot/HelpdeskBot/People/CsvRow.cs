namespace HelpdeskBot.People;

/// <summary>One record of a CSV file: the line it starts on, its fields, or why it could not be read.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields, string? Error = null);
