using System.Reflection;

namespace MfaEmulator.Emulator;

/// <summary>
/// Whether the emulator runs as its own process (<c>dotnet MfaEmulator.dll</c>, the .NET tool) rather than inside a test
/// host (<c>WebApplicationFactory</c>, <c>MfaEmulator.Testing</c>). What concerns the whole process (the start-up JIT
/// profile, the GC heap's pages, the idle warm-up) is done only in its own: a test host's process is the tests'.
/// </summary>
internal static class OwnProcess
{
    public static bool IsEmulator { get; } = Assembly.GetEntryAssembly() == typeof(OwnProcess).Assembly;
}
