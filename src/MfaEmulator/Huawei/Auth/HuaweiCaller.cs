using System.Reflection;
using MfaEmulator.Huawei.Accounts;

namespace MfaEmulator.Huawei.Auth;

/// <summary>
/// Who is calling a Huawei route, as the credential check found out: a handler parameter bound from the
/// request, never from a header the handler parses itself.
/// </summary>
internal sealed record HuaweiCaller(HuaweiUser User, string? Token)
{
    public string DomainId => User.DomainId;

    public void AttachTo(HttpContext context) => context.Features.Set(this);

    public static ValueTask<HuaweiCaller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(context.Features.Get<HuaweiCaller>());
}
