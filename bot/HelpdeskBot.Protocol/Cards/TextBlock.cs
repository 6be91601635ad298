namespace HelpdeskBot.Protocol.Cards;

/// <summary>Text, with a Markdown subset. Wraps by default, since help desk text is rarely one line.</summary>
public sealed class TextBlock : CardElement
{
    public TextBlock() { }

    public TextBlock(string text) => Text = text;

    public string Text { get; set; } = "";
    public bool? Wrap { get; set; } = true;
    public TextSize? Size { get; set; }
    public TextWeight? Weight { get; set; }
    public TextColor? Color { get; set; }
    public bool? IsSubtle { get; set; }
    public int? MaxLines { get; set; }
    public HorizontalAlignment? HorizontalAlignment { get; set; }
    public string? Style { get; set; }
}
