namespace HelpdeskBot.Protocol.Cards;

/// <summary>A text field; <see cref="Regex"/> is checked by the client before submitting.</summary>
public sealed class InputText : CardInput
{
    public string? Placeholder { get; set; }
    public string? Value { get; set; }
    public bool? IsMultiline { get; set; }
    public int? MaxLength { get; set; }
    public string? Regex { get; set; }
    public TextInputStyle? Style { get; set; }
}

/// <summary>A choice among fixed values; multi-select values arrive comma-separated.</summary>
public sealed class InputChoiceSet : CardInput
{
    public List<Choice> Choices { get; set; } = [];
    public bool? IsMultiSelect { get; set; }
    public ChoiceInputStyle? Style { get; set; }
    public string? Value { get; set; }
    public string? Placeholder { get; set; }
    public bool? Wrap { get; set; }
}

/// <summary>One option of an <see cref="InputChoiceSet"/>.</summary>
public sealed record Choice(string Title, string Value);

/// <summary>An on/off switch; the submitted value is <see cref="ValueOn"/> or <see cref="ValueOff"/>.</summary>
public sealed class InputToggle : CardInput
{
    public string Title { get; set; } = "";
    public string? Value { get; set; }
    public string? ValueOn { get; set; }
    public string? ValueOff { get; set; }
    public bool? Wrap { get; set; }
}

/// <summary>A date, submitted as <c>yyyy-MM-dd</c>.</summary>
public sealed class InputDate : CardInput
{
    public string? Value { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }
    public string? Placeholder { get; set; }
}

/// <summary>A time, submitted as <c>HH:mm</c>.</summary>
public sealed class InputTime : CardInput
{
    public string? Value { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }
    public string? Placeholder { get; set; }
}

/// <summary>A number, with optional bounds.</summary>
public sealed class InputNumber : CardInput
{
    public double? Value { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    public string? Placeholder { get; set; }
}
