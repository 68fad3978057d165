using MfaEmulator.Emulator;

namespace MfaEmulator.Tests.Emulator;

/// <summary>What the command line hands to configuration, and what it lets through from test hosts.</summary>
public sealed class CommandLineParseTests
{
    [Fact]
    public void Options_become_configuration_keys_and_relative_files_absolute_paths()
    {
        var directory = Directory.CreateTempSubdirectory("mfa-emulator-parse-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "seed.json"), "{}");

            var result = CommandLine.Parse(["--strict", "--journal-size=5", "--seed", "seed.json", "--urls", "http://127.0.0.1:0"], directory);

            Assert.Null(result.ExitCode);
            Assert.Equal(
                ["--Emulator:Strict=true", "--Emulator:JournalSize=5", $"--Emulator:SeedFile={Path.Combine(directory, "seed.json")}", "--urls=http://127.0.0.1:0"],
                result.ConfigurationArgs);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("--environment=Testing")]
    [InlineData("--contentRoot=/app")]
    [InlineData("--applicationName=MfaEmulator")]
    [InlineData("--Emulator=")]
    [InlineData("--TEST_CONTENTROOT_MFAEMULATOR=/app")]
    [InlineData("--Logging:LogLevel:Default=Debug")]
    public void What_test_hosts_and_ASP_NET_pass_goes_through_unchanged(string argument)
    {
        var result = CommandLine.Parse([argument], "/");

        Assert.Null(result.ExitCode);
        Assert.Equal([argument], result.ConfigurationArgs);
    }

    [Fact]
    public void The_seed_file_must_exist_when_given_on_the_command_line()
    {
        var result = CommandLine.Parse(["--seed", "/nonexistent/seed.json"], "/");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("mfa-emulator: --seed /nonexistent/seed.json: no such file (/nonexistent/seed.json)", result.Output);
    }
}
