using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>
/// The emulator's runtimeconfig turns W^X off for a faster first answer (MfaEmulator.csproj); the runtime's own
/// switch, <c>DOTNET_EnableWriteXorExecute=1</c>, still turns it back on. With W^X on, .NET maps its code pages twice
/// through a <c>memfd:doublemapper</c> file, which /proc shows (Linux).
/// </summary>
public sealed class WriteXorExecuteTests : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "MfaEmulator.dll");
    private readonly string _cache = Directory.CreateTempSubdirectory("mfa-emulator-cache-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

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

    private async Task<bool> MapsCodeTwice(params (string Name, string Value)[] environment)
    {
        Assert.True(OperatingSystem.IsLinux(), "/proc/PID/maps is Linux's");
        using var process = Processes.Start(
            "dotnet", [Dll, "--urls", "http://127.0.0.1:0", "--grpc-urls", "none"], environment: [("XDG_CACHE_HOME", _cache), .. environment]);
        try
        {
            await Processes.ListeningAddress(process);
            return (await File.ReadAllTextAsync($"/proc/{process.Id}/maps")).Contains("memfd:doublemapper", StringComparison.Ordinal);
        }
        finally
        {
            Assert.Equal(0, await Processes.Signal(process, "TERM"));
        }
    }
}
