using System.Globalization;
using System.Text.Json;

namespace HelpdeskBot.Outages.Alerts;

/// <summary>
/// Reads the fields of a webhook payload by their JSON path ("alerts[3].labels.service"), keeping the first problem found:
/// the parsers are all-or-nothing, so one clear error is enough. Every read checks the JSON type and the length before
/// using a value, so no input makes it throw. A JSON null is taken as an absent field.
/// </summary>
internal sealed class PayloadReader
{
    /// <summary>How a problem with the payload as a whole is reported (e.g. "payload: expected an object, got array").</summary>
    public const string Root = "payload";

    // Longer than any date and time anyone writes; a longer string is refused before it is parsed.
    private const int MaxDateLength = 64;

    public string? Error { get; private set; }

    public bool Failed => Error is not null;

    public void Fail(string path, string problem) => Error ??= $"{(path.Length == 0 ? Root : path)}: {problem}";

    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Item(string path, int index) => $"{path}[{index}]";

    /// <summary>A value quoted in an error, short enough for one line.</summary>
    public static string Quote(string text) => $"\"{text.Shorten(40)}\"";

    public static string TooLong(int length, int max) => $"{length:N0} characters is too long; the limit is {max:N0}";

    /// <summary>
    /// Checks the body is an object whose text is all valid Unicode. System.Text.Json accepts an escaped lone surrogate
    /// ("\uD800") but then throws when the string (or a property name next to the one looked up) is read: such a
    /// payload is refused here, before anything is read from it.
    /// </summary>
    public bool Start(JsonElement body)
    {
        if (!IsObject(body, ""))
        {
            return false;
        }

        var escape = LoneSurrogateEscape(body.GetRawText());
        if (escape is not null)
        {
            Fail("", $"the escape {escape} is half of a surrogate pair; JSON text must be valid Unicode");
            return false;
        }

        return true;
    }

    public bool IsObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Fail(path, $"expected an object, got {KindOf(element)}");
            return false;
        }

        return true;
    }

    /// <summary>A trimmed string; null when absent, null or empty (a failure when <paramref name="required"/>).</summary>
    public string? Text(JsonElement parent, string path, string name, int max, bool required = false)
    {
        var at = Child(path, name);
        if (Find(parent, name) is not { } value)
        {
            Missing(at, required, "a string", parent, name);
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(at, $"expected a string, got {KindOf(value)}");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length > max)
        {
            Fail(at, TooLong(text.Length, max));
            return null;
        }

        if (text.Length == 0)
        {
            if (required)
            {
                Fail(at, "is empty");
            }

            return null;
        }

        return text;
    }

    /// <summary>An object; null when absent or null (a failure when <paramref name="required"/>).</summary>
    public JsonElement? Object(JsonElement parent, string path, string name, bool required = false)
    {
        var at = Child(path, name);
        if (Find(parent, name) is not { } value)
        {
            Missing(at, required, "an object", parent, name);
            return null;
        }

        return IsObject(value, at) ? value : null;
    }

    /// <summary>The items of a required, non-empty array of at most <paramref name="max"/>.</summary>
    public IReadOnlyList<JsonElement>? Items(JsonElement parent, string path, string name, int max, string noun)
    {
        var at = Child(path, name);
        if (Find(parent, name) is not { } value)
        {
            Missing(at, required: true, "an array", parent, name);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(at, $"expected an array, got {KindOf(value)}");
            return null;
        }

        var count = value.GetArrayLength();
        if (count == 0)
        {
            Fail(at, $"is empty; expected at least one {noun}");
            return null;
        }

        if (count > max)
        {
            Fail(at, $"{count:N0} {noun}s is too many; the limit is {max:N0}");
            return null;
        }

        return [.. value.EnumerateArray()];
    }

    /// <summary>The first item of an optional array of strings (the others are not read); null when absent or empty.</summary>
    public string? FirstText(JsonElement parent, string path, string name, int max)
    {
        var at = Child(path, name);
        if (Find(parent, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(at, $"expected an array, got {KindOf(value)}");
            return null;
        }

        if (value.GetArrayLength() == 0)
        {
            return null;
        }

        var first = value[0];
        if (first.ValueKind != JsonValueKind.String)
        {
            Fail(Item(at, 0), $"expected a string, got {KindOf(first)}");
            return null;
        }

        var text = first.GetString()!.Trim();
        if (text.Length > max)
        {
            Fail(Item(at, 0), TooLong(text.Length, max));
            return null;
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// An ISO 8601 date and time, in UTC; null when absent, and for Go's zero time ("0001-01-01T00:00:00Z"), which
    /// Alertmanager sends for "none". A time without an offset is taken as UTC.
    /// </summary>
    public DateTimeOffset? Date(JsonElement parent, string path, string name, bool required = false)
    {
        var at = Child(path, name);
        var text = Text(parent, path, name, MaxDateLength, required);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            Fail(at, $"{Quote(text)} is not a date and time; use ISO 8601, e.g. 2026-03-01T09:30:00Z");
            return null;
        }

        if (value.UtcTicks == 0)
        {
            if (required)
            {
                Fail(at, $"{Quote(text)} is no time; a date and time is required");
            }

            return null;
        }

        return value.ToUniversalTime();
    }

    /// <summary>
    /// An object of strings (labels, custom properties): names and values trimmed, at most
    /// <see cref="AlertPayloads.MaxLabels"/> of them, each name and value at most <see cref="AlertPayloads.MaxLabelLength"/>
    /// characters. Empty when absent or null, unless <paramref name="required"/>.
    /// </summary>
    public Dictionary<string, string>? Labels(JsonElement parent, string path, string name, bool required = false)
    {
        var at = Child(path, name);
        if (Find(parent, name) is not { } value)
        {
            Missing(at, required, "an object", parent, name);
            return required ? null : new(StringComparer.Ordinal);
        }

        if (!IsObject(value, at))
        {
            return null;
        }

        var count = value.GetPropertyCount();
        if (count > AlertPayloads.MaxLabels)
        {
            Fail(at, $"{count:N0} labels is too many; the limit is {AlertPayloads.MaxLabels}");
            return null;
        }

        var labels = new Dictionary<string, string>(count, StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (Label(property, at) is not (string key, string text))
            {
                return null;
            }

            if (!labels.TryAdd(key, text))
            {
                Fail(Child(at, key.Shorten(40)), "appears more than once");
                return null;
            }
        }

        return labels;
    }

    private (string Name, string Value)? Label(JsonProperty property, string path)
    {
        var name = property.Name.Trim();
        if (name.Length == 0)
        {
            Fail(path, "a name is empty");
            return null;
        }

        if (name.Length > AlertPayloads.MaxLabelLength)
        {
            Fail(path, $"the name {Quote(name)} is {name.Length:N0} characters, too long; the limit is {AlertPayloads.MaxLabelLength}");
            return null;
        }

        var at = Child(path, name.Shorten(40));
        if (property.Value.ValueKind != JsonValueKind.String)
        {
            Fail(at, $"expected a string, got {KindOf(property.Value)}");
            return null;
        }

        var text = property.Value.GetString()!.Trim();
        if (text.Length > AlertPayloads.MaxLabelLength)
        {
            Fail(at, TooLong(text.Length, AlertPayloads.MaxLabelLength));
            return null;
        }

        return (name, text);
    }

    /// <summary>firing or resolved as the source spells them; absent gives <paramref name="fallback"/>, or fails without one.</summary>
    public AlertStatus? Status(JsonElement parent, string path, string name, string firing, string resolved, AlertStatus? fallback = null)
    {
        var text = Text(parent, path, name, AlertPayloads.MaxLabelLength, required: fallback is null);
        if (text is null)
        {
            return Failed ? null : fallback;
        }

        if (text == firing)
        {
            return AlertStatus.Firing;
        }

        if (text == resolved)
        {
            return AlertStatus.Resolved;
        }

        Fail(Child(path, name), $"{Quote(text)} is not {firing} or {resolved}");
        return null;
    }

    // A required field that is absent, or null, fails; an optional one is simply not there.
    private void Missing(string at, bool required, string expected, JsonElement parent, string name)
    {
        if (required)
        {
            Fail(at, parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out _) ? $"expected {expected}, got null" : "required");
        }
    }

    private static JsonElement? Find(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string KindOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>
    /// The first \uXXXX escape in raw JSON text that is a surrogate without its other half, e.g. "\uD800"; null when
    /// there is none. The text is from a parsed document, so every backslash starts a well-formed escape inside a string.
    /// </summary>
    internal static string? LoneSurrogateEscape(string json)
    {
        var i = json.IndexOf('\\');
        while (i >= 0 && i + 1 < json.Length)
        {
            if (json[i + 1] != 'u')
            {
                i = json.IndexOf('\\', i + 2);
                continue;
            }

            var unit = HexUnit(json, i + 2);
            if (char.IsLowSurrogate(unit))
            {
                return json.Substring(i, 6);
            }

            if (char.IsHighSurrogate(unit))
            {
                if (!(i + 11 < json.Length && json[i + 6] == '\\' && json[i + 7] == 'u' && char.IsLowSurrogate(HexUnit(json, i + 8))))
                {
                    return json.Substring(i, 6);
                }

                i += 6; // the low half is consumed with its pair
            }

            i = json.IndexOf('\\', i + 6);
        }

        return null;
    }

    // The four hex digits at start as a UTF-16 unit; a malformed escape (not possible in parsed JSON) reads as '\0'.
    private static char HexUnit(string json, int start) =>
        start + 4 <= json.Length && ushort.TryParse(json.AsSpan(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit)
            ? (char)unit
            : '\0';
}
