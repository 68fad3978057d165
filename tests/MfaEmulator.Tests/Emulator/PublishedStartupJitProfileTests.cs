using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Emulator;

/// <summary>
/// A publish records the start-up JIT profile with one training start (record-startup-jit-profile.sh) and ships it beside
/// the app, so the published copy's first start on a machine whose cache has none (a fresh CI machine) plays it back.
/// </summary>
[Collection(PackagingTests.Name)]
public sealed class PublishedStartupJitProfileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mfa-emulator-publish-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_publish_ships_the_profile_and_a_first_start_plays_it_back_without_recording_one()
    {
        var app = Path.Combine(_directory, "app");
        var cache = Path.Combine(_directory, "cache");
        var project = Path.Combine(RepositoryRoot.Path, "src", "MfaEmulator", "MfaEmulator.csproj");

        // The test run has built the emulator (Debug); publish that build with the training start a ReadyToRun publish runs,
        // twice into one folder: the second training records again rather than playing back the first one's profile.
        string[] publish = ["publish", project, "-c", "Debug", "--no-build", "-o", app, "-p:RecordStartupJitProfile=true"];
        await Processes.Dotnet(publish);
        var output = await Processes.Dotnet(publish);

        // Every training call was answered as the emulator answers it: HSS and login protection 200, the devices and the
        // user 201, bind and enable with wrong codes 400, the ZITADEL second factor 200.
        Assert.Contains("answers 200 200 201 400 201 201 400 200", output, StringComparison.Ordinal);
        var shipped = Path.Combine(app, StartupJitProfileTests.ProfileName);
        var recorded = await File.ReadAllBytesAsync(shipped);
        Assert.True(recorded.Length > 1024, $"the shipped profile has {recorded.Length} bytes");

        await StartupJitProfileTests.AskOnceThenTerminate(Path.Combine(app, "MfaEmulator.dll"), cache);

        // Played back, not recorded: the cache folder holds nothing (the start's copy was deleted once read), and the
        // shipped profile is unchanged.
        Assert.Empty(Directory.GetFiles(Path.Combine(cache, "mfa-emulator")));
        Assert.Equal(recorded, await File.ReadAllBytesAsync(shipped));
    }
}
