namespace HelpdeskBot.Protocol.Cards;

/// <summary>
/// An input. <see cref="IsRequired"/> with <see cref="ErrorMessage"/> makes the client refuse to submit a
/// half-filled card; the server must still validate, since older clients ignore both.
/// </summary>
public abstract class CardInput : CardElement
{
    public string? Label { get; set; }
    public bool? IsRequired { get; set; }
    public string? ErrorMessage { get; set; }
}
