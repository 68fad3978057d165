using System.Diagnostics;
using System.Text;
using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Sdk;

/// <summary>
/// The official Huawei Cloud Node.js SDK (tests/sdk) drives the real emulator executable in strict mode, so
/// signatures are verified: if the SDK can tell the emulator from the service, this fails. Needs Node 20 and
/// the npm registry the first time (it runs `npm ci` when tests/sdk/node_modules is missing).
/// </summary>
public sealed class OfficialSdkTests
{
    private static readonly string SdkDirectory = Path.Combine(RepositoryRoot.Path, "tests", "sdk");
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_official_Huawei_Node_SDK_runs_the_IAM_v3_Keystone_and_v5_MFA_story_against_the_strict_emulator()
    {
        if (!Directory.Exists(Path.Combine(SdkDirectory, "node_modules", "@huaweicloud")))
        {
            var (installed, installOutput) = await Run("npm", ["ci", "--no-audit", "--no-fund"], InstallTimeout);
            Assert.True(installed == 0, $"npm ci failed in tests/sdk:\n{installOutput}");
        }

        var (exitCode, output) = await Run("node", ["--test", "huawei-iam.test.mjs"], RunTimeout,
            ("MFA_EMULATOR_DLL", Path.Combine(AppContext.BaseDirectory, "MfaEmulator.dll")));

        Assert.True(exitCode == 0, $"the SDK test failed:\n{output}");
        Assert.Contains("# fail 0", output, StringComparison.Ordinal);
        Assert.Contains("# todo 0", output, StringComparison.Ordinal);
        Assert.Matches(@"# pass [1-9]\d*", output);
    }

    private static async Task<(int ExitCode, string Output)> Run(string command, string[] args, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = SdkDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{command} timed out after {timeout}");
        }
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
