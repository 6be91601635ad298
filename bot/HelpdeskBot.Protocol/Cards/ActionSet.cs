namespace HelpdeskBot.Protocol.Cards;

/// <summary>Actions placed inside the body rather than at the card's foot.</summary>
public sealed class ActionSet : CardElement
{
    public List<CardAction> Actions { get; set; } = [];
}
