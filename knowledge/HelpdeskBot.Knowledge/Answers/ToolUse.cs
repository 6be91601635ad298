using Microsoft.SemanticKernel;

namespace HelpdeskBot.Knowledge.Answers;

/// <summary>Which plugins' functions the model called while composing one answer (a Semantic Kernel invocation filter).</summary>
public sealed class ToolUse : IAutoFunctionInvocationFilter
{
    private readonly Lock _lock = new();
    private readonly List<string> _plugins = [];

    public IReadOnlyList<string> Plugins
    {
        get { lock (_lock) return [.. _plugins]; }
    }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        lock (_lock) _plugins.Add(context.Function.PluginName ?? "");
        await next(context);
    }
}
