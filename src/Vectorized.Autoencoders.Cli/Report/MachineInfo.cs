using System.Runtime.InteropServices;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>The machine a report was made on: CPU model, SIMD path, threads, OS and runtime.</summary>
public sealed record MachineInfo(string Cpu, string Isa, int Threads, int LogicalCores, string OperatingSystem, string Runtime)
{
    /// <summary>Describes this process's machine; <paramref name="threads"/> is what training used.</summary>
    public static MachineInfo Current(int threads) => new(
        CpuModel(File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : null) ?? RuntimeInformation.ProcessArchitecture.ToString(),
        IsaSelector.Current.ToString().ToLowerInvariant(),
        threads,
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    /// <summary>The first "model name" of a /proc/cpuinfo text (x86 and most ARM kernels), or null.</summary>
    public static string? CpuModel(string? cpuinfo)
    {
        if (cpuinfo is null)
        {
            return null;
        }

        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() is "model name" or "Model" or "cpu model")
            {
                var value = line[(colon + 1)..].Trim();
                if (value.Length > 0)
                {
                    return value;
                }
            }
        }

        return null;
    }
}
