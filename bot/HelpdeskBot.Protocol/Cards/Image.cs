namespace HelpdeskBot.Protocol.Cards;

/// <summary>An image by URL (https, or a data: URI).</summary>
public sealed class Image : CardElement
{
    public Image() { }

    public Image(string url, string altText)
    {
        Url = url;
        AltText = altText;
    }

    public string Url { get; set; } = "";
    public string? AltText { get; set; }
    public ImageSize? Size { get; set; }
    public string? Style { get; set; }
    public HorizontalAlignment? HorizontalAlignment { get; set; }
    public CardAction? SelectAction { get; set; }
}
