using System.Diagnostics;

namespace HelpdeskBot.Benchmarks.Load;

/// <summary>
/// CPU time so far, from Linux's /proc: the whole machine's busy and total time, this process's, and each watched
/// process's together with its live child processes (PostgreSQL serves each connection in a child of the server)
/// and the children it has reaped. Elsewhere than Linux, zeros.
/// </summary>
public sealed record CpuSample(
    DateTime At, double MachineBusy, double MachineTotal, double Self, IReadOnlyList<(string Name, double Seconds, long RssBytes, int Threads)> Watched)
{
    // /proc counts in USER_HZ, 100 per second on every Linux the bot runs on.
    private const double TicksPerSecond = 100;

    public static CpuSample Take(IReadOnlyList<(string Name, int Pid)> watch)
    {
        var (busy, total) = Machine();
        var parents = watch.Count > 0 ? ParentsOfAll() : [];
        return new CpuSample(
            DateTime.UtcNow, busy, total, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
            [.. watch.Select(w => (w.Name, TreeSeconds(w.Pid, parents), Status(w.Pid, "VmRSS:") * 1024, (int)Status(w.Pid, "Threads:")))]);
    }

    private static (double Busy, double Total) Machine()
    {
        if (!File.Exists("/proc/stat")) return (0, 0);
        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..9].Select(double.Parse).ToArray();
        var total = fields.Sum();
        return ((total - fields[3] - fields[4]) / TicksPerSecond, total / TicksPerSecond);
    }

    private static Dictionary<int, int> ParentsOfAll()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = int.Parse(stat[1]);
            }
        }

        return parents;
    }

    private static double TreeSeconds(int pid, Dictionary<int, int> parents)
    {
        var seconds = 0.0;
        var tree = new List<int> { pid };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        foreach (var member in tree)
        {
            if (Stat(member) is { } stat)
            {
                // after the command's closing parenthesis: state ppid ... utime(12) stime(13) cutime(14) cstime(15)
                seconds += (double.Parse(stat[11]) + double.Parse(stat[12]) + double.Parse(stat[13]) + double.Parse(stat[14])) / TicksPerSecond;
            }
        }

        return seconds;
    }

    /// <summary>The fields of /proc/PID/stat after the command name (which may hold spaces), or null when gone.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A number from /proc/PID/status (VmRSS: in KiB, Threads:), or 0.</summary>
    private static long Status(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0]);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

/// <summary>CPU used between two samples, in percent of one core (200 % is both cores of a 2-core machine).</summary>
public sealed record CpuUse(double Machine, double Generator, IReadOnlyList<(string Name, double Percent, long RssBytes, int Threads)> Watched)
{
    /// <summary>The watched processes' share (the bots and the database).</summary>
    public double Served => Watched.Sum(w => w.Percent);

    /// <summary>What the rest of the machine took: other work beside the run, which slows every figure.</summary>
    public double Others => Math.Max(0, Machine - Generator - Served);

    public static CpuUse Between(CpuSample start, CpuSample end)
    {
        var wall = (end.At - start.At).TotalSeconds;
        var machine = end.MachineTotal > start.MachineTotal
            ? (end.MachineBusy - start.MachineBusy) / (end.MachineTotal - start.MachineTotal) * Environment.ProcessorCount * 100 : 0;
        return new CpuUse(
            machine,
            (end.Self - start.Self) / wall * 100,
            [.. end.Watched.Zip(start.Watched, (e, s) => (e.Name, (e.Seconds - s.Seconds) / wall * 100, e.RssBytes, e.Threads))]);
    }
}
