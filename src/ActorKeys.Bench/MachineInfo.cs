using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ActorKeys.Bench;

/// <summary>The machine a run measured: cores, CPU model and memory as Linux reports them, and the runtime.</summary>
public sealed record MachineInfo(int Cores, string Cpu, long MemoryBytes, string Os, string Runtime)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", @"^model name\s*:\s*(.+)$") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        long.TryParse(ProcField("/proc/meminfo", @"^MemTotal:\s*(\d+) kB"), out var kb) ? kb * 1024 : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    public string Describe() => $"{Cores} cores, {Cpu}, {MemoryBytes / (1024.0 * 1024 * 1024):0.#} GiB, {Os}, {Runtime}";

    private static string? ProcField(string file, string pattern)
    {
        try
        {
            var match = Regex.Match(File.ReadAllText(file), pattern, RegexOptions.Multiline);
            return match.Success ? match.Groups[1].Value.Trim() : null;
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
}
