using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Knowledge.Answers;

/// <summary>
/// Composes a short answer from retrieved sections with a chat model, citing them. Null whenever the answer cannot
/// be trusted or had: no valid citation, an error, a timeout. The caller then shows the extractive answer, so a
/// model is never required. Logs carry counts and error types, never article or question text.
/// </summary>
public sealed class GroundedAnswers(
    IChatClient chat, IOptions<GroundedAnswerOptions> options, TimeProvider time, ILogger<GroundedAnswers> logger)
{
    public async Task<GroundedAnswer?> ComposeAsync(
        string question, IReadOnlyList<GroundingSource> sources, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var used = sources.Take(settings.MaxSections).ToList();
        if (used.Count == 0 || string.IsNullOrWhiteSpace(question))
        {
            return null;
        }

        var reply = await AskAsync(GroundedAnswerPrompt.Build(question, used, settings.MaxSourceCharacters), cancellationToken);
        if (reply is null)
        {
            return null;
        }

        var parsed = GroundedAnswerReply.Parse(reply, [.. used.Select(s => s.Text)], settings.MaxAnswerCharacters);
        if (parsed is null)
        {
            logger.LogInformation("The generated answer cited none of the {SourceCount} retrieved sections; using the extractive answer", used.Count);
            return null;
        }

        logger.LogInformation("Generated an answer citing {CitedCount} of {SourceCount} retrieved sections", parsed.Cited.Count, used.Count);
        return new GroundedAnswer(parsed.Text, [.. parsed.Cited.Select(n => new GroundedAnswer.Source(n, used[n - 1].Hit))]);
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
