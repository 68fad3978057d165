namespace MfaEmulator.Emulator;

/// <summary>The emulator's own settings: command line (<see cref="CommandLine"/>) or <c>Emulator__*</c> environment variables.</summary>
internal sealed class EmulatorOptions
{
    public const string Section = "Emulator";
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string DefaultGrpcUrl = "http://127.0.0.1:5081";

    public bool Strict { get; set; }

    /// <summary>Native gRPC (HTTP/2 cleartext) addresses; read by <see cref="ListenEndpoints"/>.</summary>
    public string? GrpcUrls { get; set; }

    public string? ControlKey { get; set; }

    public string? SeedFile { get; set; }

    public string? StateFile { get; set; }

    /// <summary>The state file's log is folded into its snapshot once it is larger than the snapshot and than this.</summary>
    public long StateLogFoldBytes { get; set; } = 1024 * 1024;

    public int JournalSize { get; set; } = 200;

    public int? RandomSeed { get; set; }

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public bool Verbose { get; set; }

    /// <summary>Leave the GC heap as the kernel maps it (<see cref="HugePageHeap"/>).</summary>
    public bool NoHugePages { get; set; }
}
