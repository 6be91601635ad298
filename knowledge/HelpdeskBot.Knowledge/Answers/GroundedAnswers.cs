using HelpdeskBot.Knowledge.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace HelpdeskBot.Knowledge.Answers;

/// <summary>
/// Composes a short answer from retrieved sections with a chat model, citing them: a Semantic Kernel function from
/// <see cref="GroundedAnswerPrompt.Template"/>, run over the <see cref="IChatClient"/>. The model may call tools: the
/// knowledge base's search (with <see cref="KnowledgeSearch"/> given) and the caller's plugins, chosen by the model.
/// Unavailable whenever the answer cannot be trusted or had: no valid citation (unless the caller's tools, the help
/// desk's own records, were used), an error, a timeout; the caller then shows the extractive answer, so a model is
/// never required. When the model says the sections do not answer the question, the verdict is
/// <see cref="GroundedVerdict.NotInSources"/> (unless <see cref="GroundedAnswerOptions.ModelCanDecline"/> is off):
/// the model reads meaning that search's word matching cannot, so a question near the base's topics but not covered by
/// it is declined rather than answered with the wrong article. Logs carry counts and error types, never article or
/// question text.
/// </summary>
public sealed class GroundedAnswers(
    IChatClient chat, IOptions<GroundedAnswerOptions> options, TimeProvider time, ILogger<GroundedAnswers> logger,
    KnowledgeSearch? search = null, KnowledgeIndex? index = null)
{
    /// <summary>At most this many rounds of tool calls before the model must answer.</summary>
    public const int MaxToolRounds = 4;

    private static readonly KernelFunction Answer = KernelFunctionFactory.CreateFromPrompt(
        new PromptTemplateConfig(GroundedAnswerPrompt.Template) { Name = "grounded_answer" });

    private readonly IChatClient _invoking = InvokingTools(chat);

    public Task<GroundedResult> ComposeAsync(string question, IReadOnlyList<GroundingSource> sources, CancellationToken cancellationToken) =>
        ComposeAsync(question, sources, [], cancellationToken);

    /// <param name="tools">The caller's plugins the model may call (none: only the knowledge base's search, if any).</param>
    public async Task<GroundedResult> ComposeAsync(
        string question, IReadOnlyList<GroundingSource> sources, IReadOnlyList<KernelPlugin> tools, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var used = sources.Take(settings.MaxSections).ToList();
        if (used.Count == 0 || string.IsNullOrWhiteSpace(question))
        {
            return GroundedResult.Unavailable;
        }

        var toolUse = new ToolUse();
        var kernel = KernelFor(tools, used, toolUse);
        var reply = await AskAsync(kernel, GroundedAnswerPrompt.Arguments(question, used, settings.MaxSourceCharacters, kernel.Plugins.Count > 0), cancellationToken);
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

        return Checked(reply, used, toolUse.Plugins.Where(p => p != KnowledgeSearchPlugin.PluginName).Distinct().ToList());
    }

    private GroundedResult Checked(string reply, List<GroundingSource> used, IReadOnlyList<string> records)
    {
        var settings = options.Value;
        var texts = used.Select(s => s.Text).ToList();
        var parsed = GroundedAnswerReply.Parse(reply, texts, settings.MaxAnswerCharacters);
        if (parsed is null && records.Count > 0 && GroundedAnswerReply.Clean(reply, texts, settings.MaxAnswerCharacters) is { Length: > 0 } text)
        {
            // Told from the help desk's own records (the caller's tools), not from articles: nothing to cite.
            logger.LogInformation("Generated an answer from the tools {Plugins}, citing no section", string.Join(", ", records));
            return new GroundedResult(GroundedVerdict.Answered, new GroundedAnswer(text, []));
        }

        if (parsed is null)
        {
            logger.LogInformation("The generated answer cited none of the {SourceCount} retrieved sections; using the extractive answer", used.Count);
            return GroundedResult.Unavailable;
        }

        logger.LogInformation("Generated an answer citing {CitedCount} of {SourceCount} retrieved sections", parsed.Cited.Count, used.Count);
        return new GroundedResult(GroundedVerdict.Answered,
            new GroundedAnswer(parsed.Text, [.. parsed.Cited.Select(n => new GroundedAnswer.Source(n, used[n - 1].Hit))]));
    }

    /// <summary>A kernel for one answer: the chat client, the tools, and what records which of them the model called.</summary>
    private Kernel KernelFor(IReadOnlyList<KernelPlugin> tools, List<GroundingSource> used, ToolUse toolUse)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(_invoking);
        foreach (var tool in tools)
        {
            builder.Plugins.Add(tool);
        }

        if (search is not null && index is not null)
        {
            builder.Plugins.AddFromObject(new KnowledgeSearchPlugin(search, index, used, options.Value), KnowledgeSearchPlugin.PluginName);
        }

        var kernel = builder.Build();
        kernel.AutoFunctionInvocationFilters.Add(toolUse);
        return kernel;
    }

    // Semantic Kernel's function-invoking client runs the tool calls the model asks for and sends back their results.
    private static IChatClient InvokingTools(IChatClient chat)
    {
        var invoking = chat.AsBuilder().UseKernelFunctionInvocation().Build();
        invoking.GetService<FunctionInvokingChatClient>()!.MaximumIterationsPerRequest = MaxToolRounds;
        return invoking;
    }

    private async Task<string?> AskAsync(Kernel kernel, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var timeout = options.Value.Timeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var result = await kernel.InvokeAsync(Answer, arguments, linked.Token);
            // The last message is the answer; those before it are the tool calls and their results.
            return result.GetValue<ChatResponse>()?.Messages.LastOrDefault()?.Text;
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
