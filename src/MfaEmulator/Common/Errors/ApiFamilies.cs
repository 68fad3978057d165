namespace MfaEmulator.Common.Errors;

/// <summary>Finds the family that owns a path; the emulator's own family answers for everything else.</summary>
internal sealed class ApiFamilies(IEnumerable<ApiFamily> families)
{
    private readonly ApiFamily[] _families = [.. families];

    public ApiFamily ForPath(PathString path) => _families.First(family => family.Owns(path));

    public static ApiFamily ErrorWriterFor(HttpContext context) =>
        context.RequestServices.GetRequiredService<ApiFamilies>().ForPath(context.Request.Path);
}
