using System.Text;

namespace HelpdeskBot.People;

/// <summary>
/// Reads CSV as RFC 4180 and spreadsheets write it: comma-separated, fields optionally in double quotes, a quote in a
/// quoted field doubled, line breaks (LF or CRLF) allowed inside quotes. Blank lines are skipped. A malformed record
/// is returned with an error and reading goes on at the next line.
/// </summary>
public static class CsvParser
{
    public static IEnumerable<CsvRow> Read(TextReader reader)
    {
        var line = 1;
        while (reader.Peek() >= 0)
        {
            var start = line;
            var (fields, error) = ReadRecord(reader, ref line);
            if (error is not null)
            {
                yield return new CsvRow(start, fields, error);
            }
            else if (fields is not [""])
            {
                yield return new CsvRow(start, fields);
            }
        }
    }

    private static (List<string> Fields, string? Error) ReadRecord(TextReader reader, ref int line)
    {
        List<string> fields = [];
        var field = new StringBuilder();
        var afterQuote = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0 || c is '\n' or '\r')
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                if (c >= 0) line++;
                fields.Add(field.ToString());
                return (fields, null);
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
            }
            else if (afterQuote)
            {
                SkipToNextLine(reader, ref line);
                return (fields, $"field {fields.Count + 1}: after a closing quote comes '{(char)c}'; expected a comma or the end of the line");
            }
            else if (c == '"' && field.Length == 0)
            {
                if (ReadQuoted(reader, field, ref line) is { } error)
                {
                    return (fields, error);
                }

                afterQuote = true;
            }
            else
            {
                field.Append((char)c);
            }
        }
    }

    /// <summary>Reads a quoted field's text up to its closing quote (consumed).</summary>
    private static string? ReadQuoted(TextReader reader, StringBuilder field, ref int line)
    {
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                return "a quoted field is not closed (a \" is missing)";
            }

            if (c == '"')
            {
                if (reader.Peek() != '"') return null;
                reader.Read();
            }
            else if (c == '\n' || (c == '\r' && reader.Peek() != '\n'))
            {
                line++;
            }

            field.Append((char)c);
        }
    }

    private static void SkipToNextLine(TextReader reader, ref int line)
    {
        int c;
        while ((c = reader.Read()) >= 0 && c != '\n')
        {
        }

        if (c == '\n') line++;
    }
}
