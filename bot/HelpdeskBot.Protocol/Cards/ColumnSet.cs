using System.Text.Json.Serialization;

namespace HelpdeskBot.Protocol.Cards;

/// <summary>Columns side by side.</summary>
public sealed class ColumnSet : CardElement
{
    public List<Column> Columns { get; set; } = [];
    public ContainerStyle? Style { get; set; }
    public CardAction? SelectAction { get; set; }
}

/// <summary>A column of a <see cref="ColumnSet"/>.</summary>
public sealed class Column
{
    [JsonPropertyOrder(-1)]
    public string Type => "Column";

    public string? Id { get; set; }

    /// <summary><c>auto</c>, <c>stretch</c>, a weight such as <c>"2"</c>, or pixels such as <c>"50px"</c>.</summary>
    public string? Width { get; set; }

    public List<CardElement> Items { get; set; } = [];
    public ContainerStyle? Style { get; set; }
    public string? VerticalContentAlignment { get; set; }
    public CardAction? SelectAction { get; set; }
}
