using System.Text.Json.Serialization;

namespace HelpdeskBot.Protocol.Cards;

/// <summary>A paragraph of differently styled runs.</summary>
public sealed class RichTextBlock : CardElement
{
    public List<TextRun> Inlines { get; set; } = [];
    public HorizontalAlignment? HorizontalAlignment { get; set; }
}

/// <summary>A run of text inside a <see cref="RichTextBlock"/>.</summary>
public sealed class TextRun
{
    public TextRun() { }

    public TextRun(string text) => Text = text;

    [JsonPropertyOrder(-1)]
    public string Type => "TextRun";

    public string Text { get; set; } = "";
    public TextSize? Size { get; set; }
    public TextWeight? Weight { get; set; }
    public TextColor? Color { get; set; }
    public bool? IsSubtle { get; set; }
    public bool? Italic { get; set; }
    public bool? Strikethrough { get; set; }
    public bool? Highlight { get; set; }
    public bool? Underline { get; set; }
    public CardAction? SelectAction { get; set; }
}
