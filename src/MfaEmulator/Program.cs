using MfaEmulator.Emulator;
using MfaEmulator.Huawei;
using MfaEmulator.Huawei.Hss;
using MfaEmulator.Huawei.IamUsers;
using MfaEmulator.Huawei.IamV3;
using MfaEmulator.Huawei.IamV5;
using MfaEmulator.Huawei.Keystone;
using MfaEmulator.Zitadel;
using MfaEmulator.Zitadel.LoginPolicy;

// The command line: help, version, or a mistake (one line, exit code 2) stop here.
var command = CommandLine.Parse(args, Environment.CurrentDirectory);
if (command.ExitCode is { } stop)
{
    (stop == 0 ? Console.Out : Console.Error).WriteLine(command.Output);
    return stop;
}
// What this build's first start JIT-compiled is compiled on a second core while this one starts (multicore JIT).
StartupJitProfile.Begin();
try
{
    // The slim builder: the same configuration sources, without what an http-only emulator never uses (HTTPS and QUIC
    // set-up, IIS integration, hosting-startup scanning, the default log providers): 8 assemblies fewer loaded and
    // ~25 ms off the start (bench/results/load.md). appsettings.json is read once: watching it cost ~10 ms.
    var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [.. command.ConfigurationArgs, "--hostBuilder:reloadConfigOnChange=false"] });

    // Host: options, loopback default address, limits, JSON, OpenAPI.
    var options = builder.AddEmulatorHost(command.ConfigurationArgs);
    builder.Services.AddEmulatorOpenApi();

    // Shared core: clock, randomness, TOTP, error families.
    builder.Services.AddEmulatorCore(options);
    builder.Services.AddEmulatorGrpc(options);

    // Vendors (what their APIs share), then each emulated API; a path belongs to the family with the longest prefix.
    builder.Services.AddHuawei();
    builder.Services.AddHss();
    builder.Services.AddKeystone();
    builder.Services.AddIamV3();
    builder.Services.AddIamUsers();
    builder.Services.AddIamV5();
    builder.Services.AddZitadel();
    builder.Services.AddZitadelLoginPolicy();

    // The emulator's own routes: state, clock, journal, faults, and the family for paths no vendor claims.
    builder.Services.AddEmulatorControl();

    var app = builder.Build();
    if (ControlKey.RefusalFor(app.ConfiguredUrls(), options) is { } refusal)
    {
        Console.Error.WriteLine(refusal);
        return 2;
    }
    // Once started: the start-up JIT profile is written, the GC heap advised for huge pages (Linux), and what routes
    // build on first use built ahead of it when idle.
    StartupJitProfile.FinishWhenStarted(app.Lifetime);
    HugePageHeap.AdviseWhenStarted(app.Lifetime, options);
    IdleWarmup.BuildWhenIdle(app);
    app.LoadInitialState();

    // Request ids, vendor error envelopes, routing, vendor credentials.
    app.UseEmulatorPipeline();

    // Routes: the emulator's own (with each vendor's control routes), then each emulated API, then the documentation;
    // all built now, so a request type without a validator stops the start.
    app.MapEmulator();
    app.MapHss();
    app.MapKeystone();
    app.MapIamV3();
    app.MapIamUsers();
    app.MapIamV5();
    app.MapZitadelLoginPolicy();
    app.MapGrpcReflection();
    app.MapDocumentation();
    app.BuildEndpoints();

    // Listen, check the addresses really bound (whatever configuration named them), then serve.
    if (ListenGate.StartChecked(app, options) is { } exposed)
    {
        Console.Error.WriteLine(exposed);
        return 2;
    }
    app.AnnounceAddresses();
    app.WaitForShutdown();
    return 0;
}
catch (Exception e) when (StartupFailure.Explain(e) is { } reason)
{
    // A start-up file or setting the emulator cannot use: one line, never a stack trace.
    Console.Error.WriteLine($"{CommandLine.Command}: {reason}");
    return 2;
}

/// <summary>Entry point; public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
