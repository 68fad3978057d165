using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Testing;

/// <summary>
/// The fixture as its users get it: MfaEmulator.Testing packed to a local feed, and examples/FixtureExample's own
/// tests run against that package (a version of this run's own, so no cached package stands in for it).
/// </summary>
[Collection(PackagingTests.Name)]
public sealed class FixturePackageTests : IDisposable
{
    private readonly string _feed = Directory.CreateTempSubdirectory("mfa-emulator-feed-").FullName;

    public void Dispose() => Directory.Delete(_feed, recursive: true);

    [Fact]
    public async Task The_example_project_passes_with_the_fixture_package_from_a_local_feed()
    {
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000):D3}";
        var root = RepositoryRoot.Path;

        // PackageVersion, not Version: the emulator's own assembly keeps its version (ToolPackageTests packs it too).
        await Processes.Dotnet("pack", Path.Combine(root, "src", "MfaEmulator.Testing", "MfaEmulator.Testing.csproj"), "-c", "Debug", "-o", _feed, $"-p:PackageVersion={version}");
        var output = await Processes.Dotnet("test", Path.Combine(root, "examples", "FixtureExample", "FixtureExample.csproj"),
            $"-p:MfaEmulatorTestingVersion={version}", $"-p:RestoreAdditionalProjectSources={_feed}");

        Assert.Contains("Passed!", output, StringComparison.Ordinal);
        Assert.Contains("Failed:     0", output, StringComparison.Ordinal);
    }
}
