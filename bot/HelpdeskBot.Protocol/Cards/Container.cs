namespace HelpdeskBot.Protocol.Cards;

/// <summary>A group of elements, optionally styled (emphasis, attention, ...).</summary>
public sealed class Container : CardElement
{
    public List<CardElement> Items { get; set; } = [];
    public ContainerStyle? Style { get; set; }
    public bool? Bleed { get; set; }
    public CardAction? SelectAction { get; set; }
}
