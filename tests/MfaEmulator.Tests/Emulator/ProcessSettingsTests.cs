using System.Globalization;
using MfaEmulator.Emulator;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>
/// How the emulator's process runs, as /proc shows it (Linux). Its runtimeconfig turns W^X off for a faster first
/// answer (MfaEmulator.csproj), and the runtime's own switch, <c>DOTNET_EnableWriteXorExecute=1</c>, still turns it
/// back on: with W^X on, .NET maps its code pages twice through a <c>memfd:doublemapper</c> file. Once started, it
/// advises its GC heap for transparent huge pages (<see cref="HugePageHeap"/>).
/// </summary>
public sealed class ProcessSettingsTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("mfa-emulator-cache-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public async Task A_call_is_in_the_journal_as_soon_as_its_answer_has_arrived()
    {
        // Kestrel can send a Content-Length answer before the pipeline returns, and under load the rest of the pipeline
        // can wait for a thread: 8 clients at once each read the journal right after each answer.
        var missed = await Processes.WhileListening(Processes.EmulatorDll, _cache, async (_, address) =>
        {
            var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async client =>
            {
                using var http = new HttpClient { BaseAddress = address };
                http.DefaultRequestHeaders.Add("X-Auth-Token", "MIIEmulatorAdminToken");
                var missed = 0;
                for (var i = 0; i < 150; i++)
                {
                    // A path of each client's own (an unknown user: 404), so its newest journal entry is its own call.
                    var path = $"/v3.0/OS-MFA/users/0000000000000000000000000000000{client}/virtual-mfa-device";
                    using var answer = await http.GetAsync(path);
                    var id = answer.Headers.GetValues("X-Request-Id").Single();
                    var journal = await http.GetStringAsync($"/_emulator/requests?limit=1&path_prefix={path}");
                    missed += journal.Contains(id, StringComparison.Ordinal) ? 0 : 1;
                }
                return missed;
            }));
            return counts.Sum();
        });
        Assert.Equal(0, missed);
    }

    [Fact]
    public async Task The_emulator_runs_without_write_xor_execute()
    {
        Assert.False(await MapsCodeTwice());
    }

    [Fact]
    public async Task The_runtime_switch_turns_write_xor_execute_back_on()
    {
        Assert.True(await MapsCodeTwice(("DOTNET_EnableWriteXorExecute", "1")));
    }

    private Task<bool> MapsCodeTwice(params (string Name, string Value)[] environment)
    {
        Assert.True(OperatingSystem.IsLinux(), "/proc/PID/maps is Linux's");
        return Processes.WhileListening(Processes.EmulatorDll, _cache, async (process, _) =>
            (await File.ReadAllTextAsync($"/proc/{process.Id}/maps")).Contains("memfd:doublemapper", StringComparison.Ordinal), environment);
    }

    [Fact]
    public void The_heap_is_the_largest_anonymous_mapping_with_the_anonymous_ones_that_adjoin_it()
    {
        string[] maps =
        [
            "55d0c0000000-55d0c0100000 r-xp 00000000 08:01 1234 /usr/share/dotnet/dotnet",
            "7f0000000000-7f0000400000 rw-p 00000000 00:00 0",
            "7f0000400000-7f4000000000 ---p 00000000 00:00 0",
            "7f4000000000-7f4000200000 rw-p 00000000 00:00 0",
            "7f4000200000-7f4000300000 r--p 00000000 08:01 99 /usr/share/dotnet/shared/libcoreclr.so",
            "7f5000000000-7f5010000000 ---p 00000000 00:00 0",
            "7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0                          [stack]",
        ];

        Assert.Equal((0x7f0000000000L, 0x7f4000200000L), HugePageHeap.HeapRange(maps));
        Assert.Null(HugePageHeap.HeapRange([maps[0], maps[4]]));
    }

    [Fact]
    public async Task A_started_emulator_has_its_heap_advised_for_huge_pages()
    {
        Assert.True(OperatingSystem.IsLinux(), "/proc/PID/smaps is Linux's");
        Assert.True(await Processes.WhileListening(Processes.EmulatorDll, _cache, async (process, _) =>
        {
            // Advised on a pool thread once the host has started: "hg" in the reservation's VmFlags.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!LargestAnonymousMappingIsAdvised(process.Id) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            return LargestAnonymousMappingIsAdvised(process.Id);
        }));
    }

    [Fact]
    public async Task With_no_huge_pages_the_heap_is_left_to_the_kernel()
    {
        Assert.True(OperatingSystem.IsLinux(), "/proc/PID/smaps is Linux's");
        // The heap would be advised as the host starts; the idle warm-up's line comes later (no JIT profile to wait
        // for: the cache folder cannot be made), so by then an advice would show.
        Assert.False(await Processes.WhileListening(Processes.EmulatorDll, _cache, async (process, _) =>
        {
            await IdleWarmupTests.WarmedUp(process);
            return LargestAnonymousMappingIsAdvised(process.Id);
        },
        ("Emulator__NoHugePages", "true"), ("XDG_CACHE_HOME", "/dev/null/cache"), IdleWarmupTests.LogWarmup));
    }

    /// <summary>Whether the largest anonymous mapping in /proc/PID/smaps carries the "hg" (MADV_HUGEPAGE) flag.</summary>
    private static bool LargestAnonymousMappingIsAdvised(int pid)
    {
        var (size, advised) = (0L, false);
        string[]? mapping = null;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && !fields[0].EndsWith(':'))
            {
                mapping = fields; // "start-end perms offset dev inode [path]"; anonymous: no path
            }
            else if (fields is ["VmFlags:", ..] && mapping is { Length: 5 } && mapping[0].Split('-') is [var start, var end])
            {
                var length = long.Parse(end, NumberStyles.HexNumber, CultureInfo.InvariantCulture) - long.Parse(start, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (length > size)
                {
                    (size, advised) = (length, fields.Contains("hg"));
                }
            }
        }
        return advised;
    }
}
