using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Hss;
using MfaEmulator.Huawei.IamV3;
using MfaEmulator.Huawei.IamV5;
using MfaEmulator.Huawei.Keystone;
using MfaEmulator.Zitadel.LoginPolicy;

var emulatorArgs = EmulatorOptions.NormalizeArgs(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = emulatorArgs });

// Host: options, loopback default address, limits, JSON, OpenAPI.
var options = builder.AddEmulatorHost(emulatorArgs);
builder.Services.AddOpenApi(openApi =>
{
    var security = new SecuritySchemesTransformer();
    openApi.AddDocumentTransformer(new EmulatorDocumentTransformer());
    openApi.AddDocumentTransformer(security);
    openApi.AddOperationTransformer(security);
});

// Shared core: clock, randomness, TOTP, Huawei identities, error families.
builder.Services.AddEmulatorCore(options);

// Emulated APIs; each registers its error family (first match wins, so the emulator's own family is last).
builder.Services.AddKeystone();
builder.Services.AddIamV3();
builder.Services.AddIamV5();
builder.Services.AddHss();
builder.Services.AddZitadelLoginPolicy();
builder.Services.AddEmulatorControl();

var app = builder.Build();
if (ControlKey.RefusalFor(app.ConfiguredUrls(), options) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 2;
}
app.LoadInitialState();

// Request ids, vendor error envelopes, routing, vendor credentials.
app.UseEmulatorPipeline();

// Routes: the emulator's own, then each emulated API, then the documentation.
app.MapEmulator();
app.MapHss();
app.MapKeystone();
app.MapIamV3();
app.MapIamV5();
app.MapZitadelLoginPolicy();
app.MapDocumentation();

app.AnnounceAddresses();
app.Run();
return 0;

/// <summary>Entry point; public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
