using System.Globalization;
using System.Runtime.InteropServices;

namespace MfaEmulator.Emulator;

/// <summary>
/// Asks Linux to back the GC heap with transparent huge pages (<c>madvise(MADV_HUGEPAGE)</c> over the runtime's heap
/// reservation, the process's largest anonymous mapping, with the committed parts next to it). Machines that keep THP
/// to <c>madvise</c> (the default of most distributions) and run the kernel's DAMON, as CI's do, otherwise have
/// kdamond walk the heap 4 KiB page by page: at 1,000,000 accounts that took the p99 of show device from ~2.4 ms to
/// 6–10 ms once DAMON had aged the heap; with the heap advised, 2.4–4.0 ms whatever DAMON's state, and kdamond's CPU
/// 40–70 ms in 8 s against 150–320 (bench/results/scale.md). Done once the host has started, off the first answer's
/// path; best effort: elsewhere, or when THP is off, nothing changes; <c>--no-huge-pages</c> turns it off.
/// </summary>
internal static class HugePageHeap
{
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE, <asm-generic/mman-common.h>

    public static void AdviseWhenStarted(IHostApplicationLifetime lifetime, EmulatorOptions options)
    {
        if (options.NoHugePages || !OperatingSystem.IsLinux() || !OwnProcess.IsEmulator)
        {
            return;
        }
        lifetime.ApplicationStarted.Register(() => ThreadPool.UnsafeQueueUserWorkItem(_ => Advise(), null));
    }

    /// <summary>Advises the heap's address range; false when it found none or the kernel refused.</summary>
    internal static bool Advise()
    {
        try
        {
            return HeapRange(File.ReadLines("/proc/self/maps")) is { } heap
                && Madvise((nint)heap.Start, (nuint)(heap.End - heap.Start), MadviseHugePage) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// The largest anonymous mapping (the GC reserves its whole heap range at start and commits it piece by piece, each
    /// piece a mapping of its own) widened over the anonymous mappings that adjoin it.
    /// </summary>
    internal static (long Start, long End)? HeapRange(IEnumerable<string> maps)
    {
        var anonymous = maps.Select(Anonymous).OfType<(long Start, long End)>().OrderBy(m => m.Start).ToList();
        if (anonymous.Count == 0)
        {
            return null;
        }
        var largest = anonymous.IndexOf(anonymous.MaxBy(m => m.End - m.Start));
        var (first, last) = (largest, largest);
        while (first > 0 && anonymous[first - 1].End == anonymous[first].Start)
        {
            first--;
        }
        while (last < anonymous.Count - 1 && anonymous[last + 1].Start == anonymous[last].End)
        {
            last++;
        }
        return (anonymous[first].Start, anonymous[last].End);
    }

    /// <summary>"start-end perms offset dev inode [path]": a mapping with no path is anonymous.</summary>
    private static (long Start, long End)? Anonymous(string line)
    {
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 || fields[0].Split('-') is not [var start, var end])
        {
            return null;
        }
        return (long.Parse(start, NumberStyles.HexNumber, CultureInfo.InvariantCulture), long.Parse(end, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    // DllImport rather than LibraryImport, whose generated code would need unsafe blocks in the whole project.
    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
