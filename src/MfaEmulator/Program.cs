using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Hss;
using MfaEmulator.Zitadel.LoginPolicy;

var emulatorArgs = EmulatorOptions.NormalizeArgs(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = emulatorArgs });

// Host: options, loopback default address, limits, JSON, OpenAPI.
builder.AddEmulatorHost(emulatorArgs);
var options = builder.Configuration.GetSection(EmulatorOptions.Section).Get<EmulatorOptions>() ?? new EmulatorOptions();
builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer(new EmulatorDocumentTransformer()));

// Shared core: clock, randomness, TOTP, Huawei identities, error families.
builder.Services.AddEmulatorCore(options);

// Emulated APIs; each registers its error family (first match wins, so the emulator's own family is last).
builder.Services.AddHss();
builder.Services.AddZitadelLoginPolicy();
builder.Services.AddEmulatorFamily();

var app = builder.Build();

// Request ids, vendor error envelopes, routing, vendor credentials.
app.UseEmulatorPipeline();

// Routes: the emulator's own, then each emulated API, then the documentation.
app.MapEmulator();
app.MapHss();
app.MapZitadelLoginPolicy();
app.MapDocumentation();

app.AnnounceAddresses();
app.Run();

/// <summary>Entry point; public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
