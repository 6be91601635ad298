using System.Text.Json;
using HelpdeskBot.Ai;
using HelpdeskBot.Catalog;
using HelpdeskBot.Knowledge.Answers;
using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Observability;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Protocol.Teams;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Knowledge;

/// <summary>
/// Answers questions in chat from the knowledge base, and takes "was this helpful?" feedback. With a chat model
/// configured (<see cref="GroundedAnswers"/> registered), the answer is composed from the retrieved sections when
/// the model gives one that cites them, the question is declined when the model says they do not answer it, and
/// otherwise (no model, an error, a timeout) the answer is the best section itself (extractive). The model may call the
/// help desk's plugins (<see cref="ChatTools"/>); a form it prepared follows the answer as the usual intake card.
/// </summary>
public sealed class KnowledgeAnswers(
    KnowledgeSearch search, KnowledgeIndex index, KnowledgeGaps gaps, ServiceCatalog catalog, IOptions<KnowledgeOptions> options,
    IHttpContextAccessor http, HelpdeskMetrics metrics, ILogger<KnowledgeAnswers> logger, GroundedAnswers? grounded = null,
    ChatTools? chatTools = null)
{
    public const string NoAnswer =
        "I couldn't find an article that answers that. Try describing it another way, or pass it to the service desk.";

    public const string Thanks = "Thanks, that helps us improve the answers.";

    public const string NotHelpful = "Sorry it didn't help. Thanks for saying so: the knowledge authors will see it.";

    /// <summary>The <see cref="TurnContext.TurnState"/> key under which a turn answered with an article holds <see cref="Answered"/>.</summary>
    public const string AnsweredKey = "knowledge.answered";

    /// <summary>The article a turn's answer card showed.</summary>
    public sealed record Answered(string ArticleId, string Title);

    /// <summary>The answer card, or "no answer" with the next steps' buttons (<see cref="KnowledgeOptions.NextSteps"/>).</summary>
    public Task AnswerAsync(TurnContext turn, string question, CancellationToken cancellationToken) =>
        AnswerAsync(turn, question, null, cancellationToken);

    /// <summary>
    /// The answer card with <paramref name="next"/> as its button; or "no answer" with <paramref name="next"/> first
    /// among the next steps' buttons ("how do I get access to X?" without an article still offers the access form).
    /// </summary>
    public async Task AnswerAsync(TurnContext turn, string question, AnswerCard.NextStep? next, CancellationToken cancellationToken)
    {
        if (!await TryAnswerAsync(turn, question, next, cancellationToken, formFallback: false))
        {
            await SendNextStepsAsync(turn, NoAnswer, question, next is null ? NextSteps() : [next, .. NextSteps().Where(s => s.Item != next.Item)], cancellationToken);
        }
    }

    // Links point where the message came in unless configured: a link the terminal chat prints is served by that chat.
    private string PublicBaseUrl =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured
        : http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}"
        : "http://localhost:3978";

    /// <summary>The configured next steps the catalog has, in order.</summary>
    private List<AnswerCard.NextStep> NextSteps() =>
        [.. (options.Value.NextSteps ?? KnowledgeOptions.DefaultNextSteps).Distinct().Select(catalog.Find).OfType<CatalogItem>()
            .Select(i => new AnswerCard.NextStep(i.Id, i.Title))];

    private static Task SendNextStepsAsync(
        TurnContext turn, string message, string question, IReadOnlyList<AnswerCard.NextStep> steps, CancellationToken cancellationToken) =>
        steps.Count == 0
            ? turn.SendActivityAsync(message, cancellationToken)
            : turn.SendActivityAsync(Activity.CreateMessage(null, NextStepCard.Build(message, question, steps).ToAttachment()), cancellationToken);

    /// <summary>
    /// Sends the answer card, with <paramref name="next"/> (a form to open) as a button when given; false when the
    /// knowledge base declines (with a form to fall back on, also when the answer is below
    /// <see cref="KnowledgeOptions.KnowledgeFirstMinConfidence"/>) or the chat model finds no answer in what search
    /// retrieved: the question is recorded as a gap and no answer is sent.
    /// </summary>
    public Task<bool> TryAnswerAsync(TurnContext turn, string question, AnswerCard.NextStep? next, CancellationToken cancellationToken) =>
        TryAnswerAsync(turn, question, next, cancellationToken, formFallback: next is not null);

    private async Task<bool> TryAnswerAsync(
        TurnContext turn, string question, AnswerCard.NextStep? next, CancellationToken cancellationToken, bool formFallback)
    {
        var result = await SearchAsync(question, cancellationToken);
        if (result.Declined || (formFallback && result.Best!.Confidence < options.Value.KnowledgeFirstMinConfidence))
        {
            logger.LogInformation("No knowledge answer for activity {ActivityId} (best confidence {Confidence})",
                turn.Activity.Id, result.Best?.Confidence);
            metrics.KnowledgeDeclined(result.Declined ? "no_match" : "below_form_threshold");
            await gaps.RecordDeclinedAsync(question, cancellationToken);
            return false;
        }

        var tools = chatTools?.For(turn);
        var generated = await ComposeAsync(turn, result, tools, cancellationToken);
        if (generated?.Verdict is GroundedVerdict.NotInSources)
        {
            logger.LogInformation("No knowledge answer for activity {ActivityId}: the chat model found none in the sections of {ArticleId} (confidence {Confidence})",
                turn.Activity.Id, result.Best!.ArticleId, result.Best.Confidence);
            metrics.KnowledgeDeclined("not_in_sources");
            await gaps.RecordDeclinedAsync(question, cancellationToken);
            await SendPreparedFormAsync(turn, tools, cancellationToken);
            return false;
        }

        logger.LogInformation("Answered activity {ActivityId} with article {ArticleId} at confidence {Confidence}, generated {Generated}",
            turn.Activity.Id, result.Best!.ArticleId, result.Best.Confidence, generated?.Answer is not null);
        var card = generated?.Answer is { } answer
            ? GeneratedAnswerCard.Build(answer, result.Best, result.Question, PublicBaseUrl, next)
            : AnswerCard.Build(result, PublicBaseUrl, next: next);
        await turn.SendActivityAsync(Activity.CreateMessage(null, card.ToAttachment()), cancellationToken);
        turn.TurnState[AnsweredKey] = new Answered(result.Best.ArticleId, result.Best.Title);
        metrics.KnowledgeAnswered();
        await SendPreparedFormAsync(turn, tools, cancellationToken);
        return true;
    }

    // A span of its own, so a slow turn's trace shows whether search was the slow part.
    private async Task<KnowledgeSearchResult> SearchAsync(string question, CancellationToken cancellationToken)
    {
        using var span = HelpdeskTracing.Source.StartActivity("knowledge search");
        var result = await search.SearchAsync(question, 1 + options.Value.OtherMatches, cancellationToken);
        span?.SetTag("knowledge.declined", result.Declined);
        span?.SetTag("knowledge.best_confidence", result.Best?.Confidence);
        return result;
    }

    private Task SendPreparedFormAsync(TurnContext turn, TurnTools? tools, CancellationToken cancellationToken) =>
        tools is null ? Task.CompletedTask : chatTools!.SendPreparedFormAsync(turn, tools, cancellationToken);

    /// <summary>The chat model's answer from the retrieved sections; null without a model.</summary>
    private async Task<GroundedResult?> ComposeAsync(
        TurnContext turn, KnowledgeSearchResult result, TurnTools? tools, CancellationToken cancellationToken)
    {
        if (grounded is null)
        {
            return null;
        }

        // The model takes seconds: show "typing…" meanwhile (Teams shows it until the answer arrives, or for a few seconds).
        await turn.SendActivityAsync(Activity.CreateTyping(), cancellationToken);

        var texts = index.ReadSectionTexts(result.Hits);
        var sources = result.Hits.Zip(texts, (hit, text) => new GroundingSource(hit, text)).ToList();
        return await grounded.ComposeAsync(result.Question, sources, tools?.Plugins ?? [], cancellationToken);
    }

    /// <summary>
    /// Records the feedback; returns the card that replaces the answer (feedback buttons gone). That card is the
    /// extractive answer, also after a generated one: feedback does not call the model again. After "not helpful" it
    /// offers a form (the card's own next step, else the first of <see cref="KnowledgeOptions.NextSteps"/>) with the
    /// question in it. When the article is no longer the answer (retired or outranked since), only the message and
    /// the button remain.
    /// </summary>
    public async Task<AdaptiveCardInvokeResponse> OnFeedbackAsync(JsonElement? data, CancellationToken cancellationToken)
    {
        var feedback = Read(data);
        if (feedback is null)
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadFeedback", "That feedback could not be read.");
        }

        await RecordAsync(feedback, cancellationToken);
        var (message, next) = AfterFeedback(feedback);
        var result = await SearchAsync(feedback.Question, cancellationToken);
        return AdaptiveCardInvokeResponse.Card(
            result.Best is not null && (feedback.Generated == true || result.Best.ArticleId == feedback.ArticleId)
                ? AnswerCard.Build(result, PublicBaseUrl, askForFeedback: false, thanks: message, next: next)
                : NextStepCard.Build(message, feedback.Question, next is null ? [] : [next]));
    }

    private (string Message, AnswerCard.NextStep? Next) AfterFeedback(AnswerCard.Feedback feedback) =>
        feedback.Helpful ? (Thanks, feedback.NextStep) : (NotHelpful, feedback.NextStep ?? NextSteps().FirstOrDefault());

    /// <summary>The same feedback arriving as an Action.Submit (clients without Action.Execute).</summary>
    public async Task OnFeedbackSubmitAsync(TurnContext turn, JsonElement value, CancellationToken cancellationToken)
    {
        if (Read(value) is not { } feedback)
        {
            await turn.SendActivityAsync(Thanks, cancellationToken);
            return;
        }

        await RecordAsync(feedback, cancellationToken);
        var (message, next) = AfterFeedback(feedback);
        await SendNextStepsAsync(turn, message, feedback.Question, next is null || feedback.Helpful ? [] : [next], cancellationToken);
    }

    private Task RecordAsync(AnswerCard.Feedback feedback, CancellationToken cancellationToken)
    {
        metrics.FeedbackGiven(feedback.Helpful);
        return feedback.Helpful ? Task.CompletedTask : gaps.RecordNotHelpfulAsync(feedback.Question, feedback.ArticleId, cancellationToken);
    }

    private static AnswerCard.Feedback? Read(JsonElement? data)
    {
        try
        {
            var feedback = ProtocolJson.FromElement<AnswerCard.Feedback>(data);
            return feedback is { ArticleId.Length: > 0, Question: not null } ? feedback : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
