using MfaEmulator.Common.Errors;
using MfaEmulator.Emulator;
using MfaEmulator.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MfaEmulator.Tests.Common;

/// <summary>Which family answers a path decides every error envelope, so it is pinned here, path by path.</summary>
public sealed class ApiFamiliesTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    public static TheoryData<string, string> Owners => new()
    {
        { "/v5/0a1b2c/setting/two-factor-login/config", "Huawei HSS v5" },
        { "/v5/0a1b2c/setting/two-factor-login/hosts", "Huawei HSS v5" },
        { "/v5/mfa-devices/enable", "Huawei IAM v5" },
        { "/v5/mfa-devices", "Huawei IAM v5" },
        { "/v5/virtual-mfa-devices", "Huawei IAM v5" },
        { "/v5/users/abc/login-profiles", "Huawei IAM v5" },
        { "/v5/mfa-devices-and-more", "Huawei HSS v5" },
        { "/v3.0/OS-MFA/mfa-devices/bind", "Huawei IAM v3.0" },
        { "/v3.0/OS-USER/users/abc/login-protect", "Huawei IAM v3.0" },
        { "/v3/auth/tokens", "Huawei IAM Keystone v3" },
        { "/v3/projects", "Huawei IAM Keystone v3" },
        { "/management/v1/policies/login/second_factors", "ZITADEL" },
        { "/admin/v1/policies/login", "ZITADEL" },
        { "/_emulator/health", "MfaEmulator control routes" },
        { "/", "MfaEmulator control routes" },
        { "/v4/anything", "MfaEmulator control routes" },
    };

    [Theory]
    [MemberData(nameof(Owners))]
    public void Each_path_belongs_to_the_family_with_the_longest_matching_prefix(string path, string family)
    {
        var families = factory.Services.GetRequiredService<ApiFamilies>();

        Assert.Equal(family, families.ForPath(path).Name);
    }

    [Theory]
    [MemberData(nameof(Owners))]
    public void The_order_families_are_registered_in_does_not_matter(string path, string family)
    {
        var registered = factory.Services.GetServices<ApiFamily>().ToList();
        registered.Reverse();

        Assert.Equal(family, new ApiFamilies(registered).ForPath(path).Name);
    }

    [Fact]
    public void Two_families_claiming_the_same_prefix_stop_the_start()
    {
        var twice = new[] { new TestFamily("a", "/x"), new TestFamily("b", "/x"), new TestFamily("fallback") };

        var error = Assert.Throws<InvalidOperationException>(() => new ApiFamilies(twice));

        Assert.Contains("/x", error.Message, StringComparison.Ordinal);
    }

    private sealed class TestFamily(string name, params string[] prefixes) : ApiFamily
    {
        public override string Name => name;

        public override IReadOnlyList<PathString> Prefixes { get; } = [.. prefixes.Select(p => new PathString(p))];

        public override object Envelope(ApiError error, string requestId) => error;

        public override ApiError MalformedBody(string? field, string detail) => ControlErrors.MalformedBody(detail);

        public override ApiError BodyTooLarge(long limit) => ControlErrors.BodyTooLarge(limit);

        public override ApiError RouteNotFound(string method, string path) => ControlErrors.RouteNotFound(method, path);

        public override ApiError ForStatus(int status) => ControlErrors.ForStatus(status);
    }
}
