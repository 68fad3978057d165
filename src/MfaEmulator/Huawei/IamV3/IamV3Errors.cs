using MfaEmulator.Common.Errors;
using MfaEmulator.Huawei.Auth;
using MfaEmulator.Huawei.Iam;

namespace MfaEmulator.Huawei.IamV3;

/// <summary>Routes under <c>/v3.0/</c> (OS-MFA, OS-USER): IAM's codes in the error_code/error_msg envelope.</summary>
internal sealed class IamV3Family(HuaweiAuthenticator authenticator) : HuaweiFamily(authenticator)
{
    public override string Name => "Huawei IAM v3.0";

    public override IReadOnlyList<PathString> Prefixes { get; } = ["/v3.0"];

    public override object Envelope(ApiError error, string requestId) => HuaweiErrorEnvelope.Of(error, requestId, "IAM.0006");

    public override ApiError MalformedBody(string? field, string detail) => IamErrors.MalformedBody(field, detail);

    public override ApiError ForStatus(int status) => IamErrors.ForStatus(status);
}
