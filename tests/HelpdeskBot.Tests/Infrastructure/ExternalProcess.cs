using System.Diagnostics;
using System.Text;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>A child process whose output is collected, with a deadline on everything waited for.</summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly SemaphoreSlim _changed = new(0);

    private ExternalProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static ExternalProcess Start(
        string fileName, IEnumerable<string> arguments, string workingDirectory,
        IDictionary<string, string>? environment = null, bool redirectInput = false)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new ExternalProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        process._process.OutputDataReceived += (_, e) => process.Append(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Append(e.Data);
        process._process.Start();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    public StreamWriter Input => _process.StandardInput;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        _changed.Release();
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output so far at the deadline.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // flush the rest of the output
                if (Output.Contains(text, StringComparison.Ordinal)) return;
                throw new InvalidOperationException($"Process exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            }

            try
            {
                await _changed.WaitAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No '{text}' within {timeout}:\n{Output}");
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Process did not exit within {timeout}:\n{Output}");
        }

        _process.WaitForExit(); // waits for the output streams to drain
        return _process.ExitCode;
    }

    /// <summary>
    /// Ends the process at once, as a crash or an out-of-memory kill would (SIGKILL on Linux: no shutdown, nothing
    /// flushed or released), and waits until it is gone.
    /// </summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
