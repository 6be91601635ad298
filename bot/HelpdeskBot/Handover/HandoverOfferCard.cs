using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Handover;

/// <summary>"Shall I pass this to the service desk?" with the question (editable) and Yes / No.</summary>
public static class HandoverOfferCard
{
    public const string YesVerb = "handover.yes";
    public const string NoVerb = "handover.no";
    public const string QuestionInput = "question";
    public const string Title = "Shall I pass this to the service desk?";
    public const int MaxQuestionLength = 1000;

    /// <summary>
    /// What Yes carries back: the bot-issued token (the ticket's submission key), the question (the input of the same
    /// name overrides it with what the person leaves in the box) and what was tried in chat.
    /// </summary>
    public sealed record Offer(string Token, string? Question, IReadOnlyList<string> Tried);

    public static AdaptiveCard Build(Offer offer) => new()
    {
        Body =
        [
            new TextBlock(Title) { Size = TextSize.Medium, Weight = TextWeight.Bolder },
            IntakeCard.Text("Someone from the service desk will pick it up as an incident and chat with you here.", t => t.IsSubtle = true),
            new InputText
            {
                Id = QuestionInput, Label = "What do you need help with?", Value = offer.Question, IsMultiline = true,
                MaxLength = MaxQuestionLength, Placeholder = "Describe the problem in a sentence or two",
            },
        ],
        Actions =
        [
            ActionExecute.Create("Yes, pass it on", YesVerb, offer),
            ActionExecute.Create("No thanks", NoVerb, new { }).WithoutInputs(),
        ],
        FallbackText = Title,
    };
}
