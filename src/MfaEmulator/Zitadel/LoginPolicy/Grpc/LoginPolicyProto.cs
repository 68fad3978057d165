using Google.Protobuf.WellKnownTypes;
using MfaEmulator.Common.Errors;
using MfaEmulator.Zitadel.Grpc;
using PbListDetails = global::Zitadel.V1.ListDetails;
using PbObjectDetails = global::Zitadel.V1.ObjectDetails;
using PolicyMessage = global::Zitadel.Policy.V1.LoginPolicy;
using ProtoMultiFactor = global::Zitadel.Policy.V1.MultiFactorType;
using ProtoPasswordless = global::Zitadel.Policy.V1.PasswordlessType;
using ProtoSecondFactor = global::Zitadel.Policy.V1.SecondFactorType;

namespace MfaEmulator.Zitadel.LoginPolicy.Grpc;

/// <summary>The login policy's answers as ZITADEL's proto messages, the same values the REST gateway writes as JSON.</summary>
internal static class LoginPolicyProto
{
    /// <summary>Adds fill creationDate, changes changeDate (<c>DomainToAddDetailsPb</c>, <c>DomainToChangeDetailsPb</c>).</summary>
    /// <summary>The details of a change that succeeded; its ZITADEL error as the call's status otherwise.</summary>
    public static PbObjectDetails Details(Outcome<ChangeDetails> outcome) => Details(ZitadelGrpcCalls.Answer(outcome));

    public static PbObjectDetails Details(ChangeDetails change)
    {
        var details = new PbObjectDetails { Sequence = change.Sequence, ResourceOwner = change.ResourceOwner };
        if (change.IsAdd)
        {
            details.CreationDate = Timestamp.FromDateTimeOffset(change.At);
        }
        else
        {
            details.ChangeDate = Timestamp.FromDateTimeOffset(change.At);
        }
        return details;
    }

    public static PolicyMessage Policy(ResolvedLoginPolicy found)
    {
        var policy = found.Policy;
        var message = new PolicyMessage
        {
            Details = new PbObjectDetails
            {
                Sequence = policy.Sequence,
                CreationDate = Timestamp.FromDateTimeOffset(policy.CreationDate),
                ChangeDate = Timestamp.FromDateTimeOffset(policy.ChangeDate),
                ResourceOwner = found.ResourceOwner,
            },
            AllowUsernamePassword = policy.AllowUsernamePassword,
            AllowRegister = policy.AllowRegister,
            AllowExternalIdp = policy.AllowExternalIdp,
            ForceMfa = policy.ForceMfa,
            PasswordlessType = (ProtoPasswordless)policy.PasswordlessType,
            IsDefault = found.IsDefault,
            HidePasswordReset = policy.HidePasswordReset,
            IgnoreUnknownUsernames = policy.IgnoreUnknownUsernames,
            DefaultRedirectUri = policy.DefaultRedirectUri,
            PasswordCheckLifetime = Duration.FromTimeSpan(policy.PasswordCheckLifetime),
            ExternalLoginCheckLifetime = Duration.FromTimeSpan(policy.ExternalLoginCheckLifetime),
            MfaInitSkipLifetime = Duration.FromTimeSpan(policy.MfaInitSkipLifetime),
            SecondFactorCheckLifetime = Duration.FromTimeSpan(policy.SecondFactorCheckLifetime),
            MultiFactorCheckLifetime = Duration.FromTimeSpan(policy.MultiFactorCheckLifetime),
            AllowDomainDiscovery = policy.AllowDomainDiscovery,
            DisableLoginWithEmail = policy.DisableLoginWithEmail,
            DisableLoginWithPhone = policy.DisableLoginWithPhone,
            ForceMfaLocalOnly = policy.ForceMfaLocalOnly,
        };
        message.SecondFactors.AddRange(policy.SecondFactors.Select(f => (ProtoSecondFactor)f));
        message.MultiFactors.AddRange(policy.MultiFactors.Select(f => (ProtoMultiFactor)f));
        return message;
    }

    /// <summary><c>ToListDetails(count, sequence, timestamp)</c>, as the REST list answers.</summary>
    public static PbListDetails ListDetails(FactorList list) =>
        new() { TotalResult = (ulong)list.Factors.Count, ProcessedSequence = list.ProcessedSequence, ViewTimestamp = Timestamp.FromDateTimeOffset(list.ViewedAt) };

    public static IEnumerable<ProtoSecondFactor> SecondFactors(FactorList list) => list.Factors.Select(f => (ProtoSecondFactor)f);

    public static IEnumerable<ProtoMultiFactor> MultiFactors(FactorList list) => list.Factors.Select(f => (ProtoMultiFactor)f);
}
