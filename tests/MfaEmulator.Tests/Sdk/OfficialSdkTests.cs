using MfaEmulator.Tests.Infrastructure;

namespace MfaEmulator.Tests.Sdk;

/// <summary>
/// Official vendor clients (tests/sdk) drive the real emulator executable as a child process: the Huawei Cloud
/// Node.js SDK in strict mode, so signatures are verified, and ZITADEL's @zitadel/client (native gRPC and
/// gRPC-web) and @zitadel/node (nice-grpc) against the v1 login-policy API, lenient and strict. If a client can
/// tell the emulator from the service, this fails. Needs Node 20 and the npm registry the first time (it runs
/// `npm ci` when a client package is missing from tests/sdk/node_modules).
/// </summary>
public sealed class OfficialSdkTests
{
    private static readonly string SdkDirectory = Path.Combine(RepositoryRoot.Path, "tests", "sdk");
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>One package per client the test files import; any of them missing means node_modules is stale.</summary>
    private static readonly string[] RequiredPackages = ["@huaweicloud", "@zitadel/client", "@zitadel/node"];

    [Fact]
    public Task The_official_Huawei_Node_SDK_runs_the_IAM_v3_Keystone_and_v5_MFA_story_against_the_strict_emulator() =>
        RunNodeTestFile("huawei-iam.test.mjs");

    [Fact]
    public Task The_official_zitadel_client_runs_the_login_policy_story_over_native_gRPC_and_gRPC_web_against_the_emulator() =>
        RunNodeTestFile("zitadel-client.test.mjs");

    [Fact]
    public Task The_official_zitadel_node_SDK_runs_the_login_policy_story_over_native_gRPC_against_the_emulator() =>
        RunNodeTestFile("zitadel-node.test.mjs");

    /// <summary>
    /// The emulator's own .proto files declare ZITADEL's packages, messages, field numbers and methods exactly as the
    /// published @zitadel/proto does: the descriptors compiled into the emulator are compared with the package's.
    /// </summary>
    [Fact]
    public async Task The_emulators_ZITADEL_protos_match_the_published_descriptors()
    {
        await EnsureNodeModules();
        var set = new Google.Protobuf.Reflection.FileDescriptorSet();
        foreach (var file in new[]
        {
            Google.Protobuf.WellKnownTypes.DurationReflection.Descriptor, Google.Protobuf.WellKnownTypes.TimestampReflection.Descriptor,
            global::Zitadel.V1.ObjectReflection.Descriptor, global::Zitadel.V1.MessageReflection.Descriptor,
            global::Zitadel.Idp.V1.IdpReflection.Descriptor, global::Zitadel.Policy.V1.PolicyReflection.Descriptor,
            global::Zitadel.Org.V1.OrgReflection.Descriptor, global::Zitadel.Management.V1.ManagementReflection.Descriptor,
            global::Zitadel.Admin.V1.AdminReflection.Descriptor,
        })
        {
            set.File.Add(Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
        }
        var path = Path.Combine(Path.GetTempPath(), $"mfa-emulator-protos-{Guid.NewGuid():N}.pb");
        await File.WriteAllBytesAsync(path, Google.Protobuf.MessageExtensions.ToByteArray(set));
        try
        {
            var (exitCode, output) = await Run("node", ["check-protos.mjs", path], RunTimeout);
            Assert.True(exitCode == 0, $"the emulator's protos differ from @zitadel/proto:\n{output}");
            Assert.Contains("0 differences", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs <c>npm ci</c> in tests/sdk when a required client package is not installed.</summary>
    private static async Task EnsureNodeModules()
    {
        if (RequiredPackages.All(package => Directory.Exists(Path.Combine(SdkDirectory, "node_modules", package))))
        {
            return;
        }
        var (installed, installOutput) = await Run("npm", ["ci", "--no-audit", "--no-fund"], InstallTimeout);
        Assert.True(installed == 0, $"npm ci failed in tests/sdk:\n{installOutput}");
    }

    /// <summary>
    /// Swagger UI's "Try it out" with each documented operation's prefilled body answers 2xx: the page's request
    /// interceptor, as served, runs in Node against the real emulator (no browser is installed in CI).
    /// </summary>
    [Fact]
    public Task Swagger_UI_try_it_out_answers_2xx_for_each_documented_operation_with_its_prefilled_body() =>
        RunNodeTestFile("swagger-try-it-out.test.mjs",
            ("HUAWEI_ADMIN_TOKEN", MfaEmulator.Huawei.Accounts.DefaultHuaweiAccount.AdminToken),
            ("ZITADEL_OWNER_PAT", MfaEmulator.Zitadel.DefaultZitadelInstance.OwnerPat));

    /// <summary>Runs one node:test file against the emulator built with these tests; every test must pass, none be todo.</summary>
    private static async Task RunNodeTestFile(string file, params (string Name, string Value)[] environment)
    {
        await EnsureNodeModules();

        var (exitCode, output) = await Run("node", ["--test", file], RunTimeout,
            [("MFA_EMULATOR_DLL", Path.Combine(AppContext.BaseDirectory, "MfaEmulator.dll")), .. environment]);

        Assert.True(exitCode == 0, $"the SDK test {file} failed:\n{output}");
        Assert.Contains("# fail 0", output, StringComparison.Ordinal);
        Assert.Contains("# todo 0", output, StringComparison.Ordinal);
        Assert.Matches(@"# pass [1-9]\d*", output);
    }

    /// <summary>A command run in tests/sdk; stdout and stderr together.</summary>
    private static async Task<(int ExitCode, string Output)> Run(string command, string[] args, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var (exitCode, stdout, stderr) = await Processes.RunToExit(command, args, SdkDirectory, timeout, environment);
        return (exitCode, stdout + stderr);
    }
}
