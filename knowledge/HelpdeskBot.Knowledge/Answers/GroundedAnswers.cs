using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Knowledge.Answers;

/// <summary>
/// Composes a short answer from retrieved sections with a chat model, citing them. Unavailable whenever the answer
/// cannot be trusted or had: no valid citation, an error, a timeout; the caller then shows the extractive answer, so a
/// model is never required. When the model says the sections do not answer the question, the verdict is
/// <see cref="GroundedVerdict.NotInSources"/> (unless <see cref="GroundedAnswerOptions.ModelCanDecline"/> is off):
/// the model reads meaning that search's word matching cannot, so a question near the base's topics but not covered by
/// it is declined rather than answered with the wrong article. Logs carry counts and error types, never article or
/// question text.
/// </summary>
public sealed class GroundedAnswers(
    IChatClient chat, IOptions<GroundedAnswerOptions> options, TimeProvider time, ILogger<GroundedAnswers> logger)
{
    public async Task<GroundedResult> ComposeAsync(
        string question, IReadOnlyList<GroundingSource> sources, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var used = sources.Take(settings.MaxSections).ToList();
        if (used.Count == 0 || string.IsNullOrWhiteSpace(question))
        {
            return GroundedResult.Unavailable;
        }

        var reply = await AskAsync(GroundedAnswerPrompt.Build(question, used, settings.MaxSourceCharacters), cancellationToken);
        if (reply is null)
        {
            return GroundedResult.Unavailable;
        }

        if (GroundedAnswerReply.IsNoAnswer(reply))
        {
            logger.LogInformation("The chat model found no answer in the {SourceCount} retrieved sections; {Outcome}",
                used.Count, settings.ModelCanDecline ? "declining" : "using the extractive answer (Ai:ModelCanDecline is off)");
            return settings.ModelCanDecline ? GroundedResult.NotInSources : GroundedResult.Unavailable;
        }

        var parsed = GroundedAnswerReply.Parse(reply, [.. used.Select(s => s.Text)], settings.MaxAnswerCharacters);
        if (parsed is null)
        {
            logger.LogInformation("The generated answer cited none of the {SourceCount} retrieved sections; using the extractive answer", used.Count);
            return GroundedResult.Unavailable;
        }

        logger.LogInformation("Generated an answer citing {CitedCount} of {SourceCount} retrieved sections", parsed.Cited.Count, used.Count);
        return new GroundedResult(GroundedVerdict.Answered,
            new GroundedAnswer(parsed.Text, [.. parsed.Cited.Select(n => new GroundedAnswer.Source(n, used[n - 1].Hit))]));
    }

    private async Task<string?> AskAsync(IList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var timeout = options.Value.Timeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var response = await chat.GetResponseAsync(messages, cancellationToken: linked.Token);
            return response.Text;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The chat model did not answer within {Timeout}; using the extractive answer", timeout);
            return null;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The exception itself is not logged: provider errors can echo the request, and so the articles.
            logger.LogWarning("The chat model failed ({ErrorType}, HTTP status {StatusCode}); using the extractive answer",
                exception.GetType().Name, (exception as HttpRequestException)?.StatusCode);
            return null;
        }
    }
}
