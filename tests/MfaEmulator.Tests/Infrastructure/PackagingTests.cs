namespace MfaEmulator.Tests.Infrastructure;

/// <summary>Tests that build and pack the projects run one after another, so one never packs what another is rebuilding.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingTests
{
    public const string Name = "Packing and installing packages";
}
