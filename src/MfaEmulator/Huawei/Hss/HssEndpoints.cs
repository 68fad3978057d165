using MfaEmulator.Common.Auth;
using MfaEmulator.Common.Errors;
using MfaEmulator.Common.Json;
using MfaEmulator.Common.Store;
using MfaEmulator.Common.Validation;
using MfaEmulator.Emulator;
using MfaEmulator.Huawei.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MfaEmulator.Huawei.Hss;

/// <summary>Huawei Cloud HSS v5 two-factor login for servers (seed 000) and its read-back list.</summary>
internal static partial class HssEndpoints
{
    public const string Tag = "Huawei HSS v5: two-factor login";

    /// <summary>Any project id works (lenient mode registers the page's example host in it).</summary>
    private const string ExampleProjectId = "2acc8d6b6a3d4b0e9d3fd5f2c8d1a2b3";

    public static IServiceCollection AddHss(this IServiceCollection services)
    {
        services.AddEmulatorStore<HssStore>();
        services.AddSingleton<ProjectAccess>();
        services.AddJsonContracts(HssJsonContext.Default);
        services.AddValidators(typeof(SetTwoFactorLoginConfigValidator), typeof(ListTwoFactorLoginHostValidator));
        return services.AddSingleton<ApiFamily, HssFamily>();
    }

    public static RouteGroupBuilder MapHss(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v5/{project_id}/setting/two-factor-login")
            .WithTags(Tag)
            .RequireVendorCredentials()
            .WithValidation();

        group.MapPut("/config", SetTwoFactorLoginConfig)
            .WithName("SetTwoFactorLoginConfig")
            .AsDocumentedOperation()
            .WithParameterExample("project_id", ExampleProjectId)
            .WithRequestExample(new
            {
                enabled = true,
                auth_type = "sms",
                topic_display_name = "liuzhaoli",
                topic_urn = "urn:smn:cn-north-4:06ff15244b2748b49e69c2140b319e9e:liuzhaoling",
                host_id_list = new List<string> { "09724867-7b91-482d-9702-daf9113f1b62" },
            })
            .WithSummary("Configure two-factor login for servers")
            .WithDescription("Switches two-factor login on or off for the listed hosts. Hosts the project has not seen are registered on the spot.")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403, 413);

        group.MapGet("/hosts", ListTwoFactorLoginHost)
            .WithName("ListTwoFactorLoginHost")
            .WithParameterExample("project_id", ExampleProjectId)
            .WithSummary("List hosts with their two-factor login settings")
            .ProducesErrors<HuaweiErrorEnvelope>(400, 401, 403);

        return group;
    }

    public static Results<Ok, ApiError> SetTwoFactorLoginConfig(
        [AsParameters] SetTwoFactorLoginConfigRequest request, HuaweiCaller caller, ProjectAccess projects, HssStore store, EmulatorOptions options,
        ILogger<HssStore> logger)
    {
        if (projects.Refusal(caller, request.ProjectId) is { } refusal)
        {
            return refusal;
        }
        var outcome = store.Configure(request.ProjectId, request.EnterpriseProjectId, request.Body!, registerUnknown: !options.Strict);
        if (outcome.OutsideHost is { } outsider)
        {
            return HssErrors.HostNotInEnterpriseProject(outsider, request.EnterpriseProjectId!);
        }
        if (outcome.UnknownHost is { } unknown)
        {
            return HssErrors.HostWithoutAgent(unknown);
        }
        foreach (var hostId in outcome.Registered)
        {
            LogRegistered(logger, hostId, request.ProjectId);
        }
        return TypedResults.Ok();
    }

    public static Results<JsonOk<TwoFactorLoginHostList>, ApiError> ListTwoFactorLoginHost(
        [AsParameters] ListTwoFactorLoginHostRequest request, HuaweiCaller caller, ProjectAccess projects, HssStore store)
    {
        if (projects.Refusal(caller, request.ProjectId) is { } refusal)
        {
            return refusal;
        }
        var (total, page) = store.List(
            request.ProjectId, request.EnterpriseProjectId, request.HostName, request.DisplayName,
            offset: request.Offset is null ? 0 : int.Parse(request.Offset, System.Globalization.CultureInfo.InvariantCulture),
            limit: request.Limit is null ? 10 : int.Parse(request.Limit, System.Globalization.CultureInfo.InvariantCulture));
        return JsonResults.Ok(new TwoFactorLoginHostList(total, [.. page.Select(h => new TwoFactorLoginHost(
            h.HostId, h.HostName, h.OsType, h.AuthSwitch, h.AuthType, h.TopicDisplayName, h.TopicUrn, OutsideHost: false))]));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HSS: host {HostId} was unknown in project {ProjectId}; lenient mode registered it (strict mode answers HSS.1001)")]
    private static partial void LogRegistered(ILogger logger, string hostId, string projectId);
}
