using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using MfaEmulator.Testing;
using Zitadel.Policy.V1;
using Admin = Zitadel.Admin.V1;
using Management = Zitadel.Management.V1;

namespace MfaEmulator.Tests.Zitadel.LoginPolicy;

/// <summary>
/// The gRPC calls terraform-provider-zitadel makes (zitadel/login_policy/funcs.go, zitadel/default_login_policy/funcs.go,
/// through zitadel-go: native gRPC, <c>x-zitadel-orgid</c> set even when empty), in its order, against the strict
/// emulator: create, read, update and delete of <c>zitadel_login_policy</c>, and apply twice of
/// <c>zitadel_default_login_policy</c>, whose no-op update is the FailedPrecondition the provider ignores.
/// </summary>
public sealed class ZitadelTerraformReplayTests : IAsyncLifetime
{
    private MfaEmulatorServer _server = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _server = await MfaEmulatorServer.StartAsync(new MfaEmulatorSettings { Strict = true });
        _channel = GrpcChannel.ForAddress(_server.GrpcAddress);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_login_policy_resource_creates_reads_updates_and_deletes()
    {
        var org = await _server.Control.CreateZitadelOrgAsync("terraform");
        var client = new Management.ManagementService.ManagementServiceClient(_channel);
        // org_id left out of the resource: the provider still sends the header, empty, and the token's org applies.
        var unset = new Metadata { { "authorization", $"Bearer {org.Token}" }, { "x-zitadel-orgid", "" } };
        var byId = new Metadata { { "authorization", $"Bearer {org.Token}" }, { "x-zitadel-orgid", org.OrgId } };

        // create
        await client.AddCustomLoginPolicyAsync(new Management.AddCustomLoginPolicyRequest
        {
            AllowUsernamePassword = true,
            AllowRegister = true,
            ForceMfa = false,
            PasswordlessType = PasswordlessType.Allowed,
            DefaultRedirectUri = "localhost:8080",
            PasswordCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(240)),
            ExternalLoginCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(240)),
            MfaInitSkipLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(720)),
            SecondFactorCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(18)),
            MultiFactorCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(12)),
            SecondFactors = { SecondFactorType.Otp, SecondFactorType.U2F },
            MultiFactors = { MultiFactorType.U2FWithVerification },
            AllowDomainDiscovery = true,
        }, unset);

        // read (after create and on every refresh)
        var read = await Read(client, byId);
        Assert.False(read.Policy.IsDefault);
        Assert.Equal(org.OrgId, read.Policy.Details.ResourceOwner);
        Assert.Equal("240h0m0s", GoDuration(read.Policy.PasswordCheckLifetime));
        Assert.Equal("localhost:8080", read.Policy.DefaultRedirectUri);

        // update: the changed fields, then factor adds before removes
        await client.UpdateCustomLoginPolicyAsync(new Management.UpdateCustomLoginPolicyRequest
        {
            AllowUsernamePassword = true,
            AllowRegister = false,
            ForceMfa = true,
            PasswordlessType = PasswordlessType.Allowed,
            DefaultRedirectUri = "localhost:8080",
            PasswordCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(240)),
            ExternalLoginCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(240)),
            MfaInitSkipLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(720)),
            SecondFactorCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(18)),
            MultiFactorCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(12)),
            AllowDomainDiscovery = true,
        }, byId);
        await client.AddSecondFactorToLoginPolicyAsync(new Management.AddSecondFactorToLoginPolicyRequest { Type = SecondFactorType.OtpEmail }, byId);
        await client.RemoveSecondFactorFromLoginPolicyAsync(new Management.RemoveSecondFactorFromLoginPolicyRequest { Type = SecondFactorType.U2F }, byId);
        await client.RemoveMultiFactorFromLoginPolicyAsync(new Management.RemoveMultiFactorFromLoginPolicyRequest { Type = MultiFactorType.U2FWithVerification }, byId);
        var updated = await Read(client, byId);
        Assert.True(updated.Policy.ForceMfa);
        Assert.False(updated.Policy.AllowRegister);
        Assert.Equal([SecondFactorType.Otp, SecondFactorType.OtpEmail], updated.SecondFactors);
        Assert.Empty(updated.MultiFactors);

        // delete, then the next refresh sees the default and drops the resource
        await client.ResetLoginPolicyToDefaultAsync(new Management.ResetLoginPolicyToDefaultRequest(), byId);
        Assert.True((await client.GetLoginPolicyAsync(new Management.GetLoginPolicyRequest(), byId)).Policy.IsDefault);
    }

    [Fact]
    public async Task The_default_login_policy_resource_applies_twice_ignoring_the_no_change_precondition()
    {
        var admin = new Admin.AdminService.AdminServiceClient(_channel);
        var owner = new Metadata { { "authorization", $"Bearer {MfaEmulator.Zitadel.DefaultZitadelInstance.OwnerPat}" } };
        var desired = new Admin.UpdateLoginPolicyRequest
        {
            AllowUsernamePassword = true,
            AllowRegister = true,
            AllowExternalIdp = true,
            ForceMfa = true,
            PasswordlessType = PasswordlessType.Allowed,
            PasswordCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(240)),
            ExternalLoginCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(240)),
            MfaInitSkipLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(720)),
            SecondFactorCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(18)),
            MultiFactorCheckLifetime = Duration.FromTimeSpan(TimeSpan.FromHours(12)),
            AllowDomainDiscovery = true,
        };
        string? firstId = null;
        foreach (var apply in new[] { 1, 2 })
        {
            string id;
            try
            {
                id = (await admin.UpdateLoginPolicyAsync(desired, owner)).Details.ResourceOwner;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition && apply == 2)
            {
                Assert.Equal("Default Login Policy has not been changed (INSTANCE-5M9vdd)", e.Status.Detail);
                id = (await admin.GetLoginPolicyAsync(new Admin.GetLoginPolicyRequest(), owner)).Policy.Details.ResourceOwner;
            }
            // second_factors = [OTP, OTP_EMAIL]: a server-side diff of the list
            var current = (await admin.ListLoginPolicySecondFactorsAsync(new Admin.ListLoginPolicySecondFactorsRequest(), owner)).Result;
            foreach (var missing in new[] { SecondFactorType.Otp, SecondFactorType.OtpEmail }.Except(current))
            {
                await admin.AddSecondFactorToLoginPolicyAsync(new Admin.AddSecondFactorToLoginPolicyRequest { Type = missing }, owner);
            }
            foreach (var extra in current.Except([SecondFactorType.Otp, SecondFactorType.OtpEmail]).ToList())
            {
                await admin.RemoveSecondFactorFromLoginPolicyAsync(new Admin.RemoveSecondFactorFromLoginPolicyRequest { Type = extra }, owner);
            }
            Assert.Empty((await admin.ListLoginPolicyIDPsAsync(new Admin.ListLoginPolicyIDPsRequest(), owner)).Result);
            firstId ??= id;
            Assert.Equal(firstId, id);
        }

        var policy = (await admin.GetLoginPolicyAsync(new Admin.GetLoginPolicyRequest(), owner)).Policy;
        Assert.Equal(MfaEmulator.Zitadel.DefaultZitadelInstance.InstanceId, firstId);
        Assert.True(policy.ForceMfa);
        Assert.Equal([SecondFactorType.Otp, SecondFactorType.OtpEmail], policy.SecondFactors);
    }

    private sealed record ReadBack(Management.GetLoginPolicyResponse Response, IReadOnlyList<SecondFactorType> SecondFactors, IReadOnlyList<MultiFactorType> MultiFactors)
    {
        public global::Zitadel.Policy.V1.LoginPolicy Policy => Response.Policy;
    }

    /// <summary>The provider's read: the policy, then the three lists it always fetches.</summary>
    private static async Task<ReadBack> Read(Management.ManagementService.ManagementServiceClient client, Metadata org)
    {
        var policy = await client.GetLoginPolicyAsync(new Management.GetLoginPolicyRequest(), org);
        var second = await client.ListLoginPolicySecondFactorsAsync(new Management.ListLoginPolicySecondFactorsRequest(), org);
        var multi = await client.ListLoginPolicyMultiFactorsAsync(new Management.ListLoginPolicyMultiFactorsRequest(), org);
        var idps = await client.ListLoginPolicyIDPsAsync(new Management.ListLoginPolicyIDPsRequest(), org);
        Assert.Empty(idps.Result);
        return new ReadBack(policy, [.. second.Result], [.. multi.Result]);
    }

    /// <summary>Go's <c>time.Duration.String()</c> for whole hours, as the provider writes lifetimes to state.</summary>
    private static string GoDuration(Duration duration) => $"{(int)duration.ToTimeSpan().TotalHours}h0m0s";
}
