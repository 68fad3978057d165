using FluentValidation;
using MfaEmulator.Common.Validation;

namespace MfaEmulator.Huawei.Keystone;

internal sealed class CreateTokenValidator : AbstractValidator<CreateTokenRequest>
{
    public const int MaxFieldLength = 255;
    private static readonly string[] SupportedMethods = ["password", "totp"];

    public CreateTokenValidator()
    {
        RuleFor(r => r.Body).NotNull().Invalid("The request body is invalid: 'auth' is a required property.").DependentRules(() =>
        RuleFor(r => r.Body!.Auth).NotNull().Invalid("Invalid input for field 'auth': 'auth' is a required property.").DependentRules(() =>
        RuleFor(r => r.Body!.Auth!.Identity).NotNull().Invalid("Invalid input for field 'identity': 'identity' is a required property.").DependentRules(() =>
        {
            RuleFor(r => r.Body!.Auth!.Identity!.Methods)
                .NotEmpty().Invalid("Invalid input for field 'methods': 'methods' is a required property.")
                .Must(m => m!.All(SupportedMethods.Contains)).Invalid("Invalid input for field 'methods': the emulator issues tokens for 'password' and 'password' + 'totp'.")
                .Must(m => m!.Contains("password")).Invalid("Invalid input for field 'methods': 'password' is required ('totp' is an additional factor).");
            RuleFor(r => r.Body!.Auth!.Identity!.Password).NotNull().Invalid("Invalid input for field 'password': 'password' is a required property.").DependentRules(() =>
            RuleFor(r => r.Body!.Auth!.Identity!.Password!.User).NotNull().Invalid("Invalid input for field 'user': 'user' is a required property.").DependentRules(() =>
            {
                RuleFor(r => r.Body!.Auth!.Identity!.Password!.User!.Password).NotEmpty().Invalid("Invalid input for field 'password': 'password' is a required property.")
                    .MaximumLength(MaxFieldLength).Invalid($"Invalid input for field 'password': at most {MaxFieldLength} characters.");
                RuleFor(r => r.Body!.Auth!.Identity!.Password!.User!).Must(u => !string.IsNullOrEmpty(u.Id) || !string.IsNullOrEmpty(u.Name))
                    .Invalid("Invalid input for field 'user': give the user's 'id', or its 'name' with its 'domain'.")
                    .Must(u => !string.IsNullOrEmpty(u.Id) || u.Domain is { } d && (!string.IsNullOrEmpty(d.Id) || !string.IsNullOrEmpty(d.Name)))
                    .Invalid("Invalid input for field 'domain': a user given by name needs its 'domain' ('name' or 'id').");
            }));
            When(r => r.Body!.Auth!.Identity!.Methods?.Contains("totp") == true, () =>
                RuleFor(r => r.Body!.Auth!.Identity!.Totp).NotNull()
                    .Invalid("Invalid input for field 'totp': 'totp' is a required property when methods include 'totp'.").DependentRules(() =>
                    RuleFor(r => r.Body!.Auth!.Identity!.Totp!.User).NotNull()
                        .Invalid("Invalid input for field 'totp.user': 'user' is a required property.").DependentRules(() =>
                        RuleFor(r => r.Body!.Auth!.Identity!.Totp!.User!.Passcode).NotEmpty()
                            .Invalid("Invalid input for field 'passcode': 'passcode' is a required property."))));
        })));
        // The token carries its project (TokenSeal), and a token must stay within the 32,768 characters IAM reads.
        When(r => r.Body?.Auth?.Scope?.Project is not null, () =>
        {
            RuleFor(r => r.Body!.Auth!.Scope!.Project!.Id).MaximumLength(MaxFieldLength).Invalid($"Invalid input for field 'id': at most {MaxFieldLength} characters.");
            RuleFor(r => r.Body!.Auth!.Scope!.Project!.Name).MaximumLength(MaxFieldLength).Invalid($"Invalid input for field 'name': at most {MaxFieldLength} characters.");
        });
    }
}

internal sealed class ValidateTokenValidator : AbstractValidator<ValidateTokenRequest>
{
    public ValidateTokenValidator() =>
        RuleFor(r => r.SubjectToken).Must(t => !string.IsNullOrEmpty(t) && t.Length <= 32_768)
            .Invalid("The request you have made requires the X-Subject-Token header: the token to validate.");
}

internal sealed class ListProjectsValidator : AbstractValidator<ListProjectsRequest>
{
    public ListProjectsValidator() =>
        RuleFor(r => r.Name).MaximumLength(CreateTokenValidator.MaxFieldLength).Invalid($"Invalid input for field 'name': at most {CreateTokenValidator.MaxFieldLength} characters.");
}

/// <summary>Keystone's validation failures are plain 400s in its <c>{"error": …}</c> body.</summary>
internal static class KeystoneRules
{
    public static IRuleBuilderOptions<T, TProperty> Invalid<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string message) =>
        rule.As(KeystoneErrors.BadRequest(message));
}
