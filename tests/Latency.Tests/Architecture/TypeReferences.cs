using System.Reflection;
using System.Reflection.Emit;

namespace Latency.Tests.Architecture;

/// <summary>
/// The types a compiled type uses: in its signatures (base type, interfaces, fields, properties, parameters, return
/// types) and in its method bodies (every type, method or field token of the IL), nested and compiler-generated types
/// (lambdas, async state machines) counted as their outer type's. Reads the assembly as the compiler left it, so a
/// use the source hides (a <c>using static</c>, a fully qualified name) is seen too. Constants are the exception: the
/// compiler copies their values into the IL, so a use of a <c>const</c> leaves no trace (the source scan of
/// <see cref="LayerDependencyTests"/> sees those).
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static |
                                          BindingFlags.DeclaredOnly;

    // IL opcodes by value; two-byte ones start with 0xFE.
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>Every type <paramref name="type"/> (with its nested types) uses, generic arguments and element types unwrapped.</summary>
    public static IReadOnlySet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        foreach (var t in WithNested(type))
        {
            Add(found, t.BaseType);
            foreach (var i in t.GetInterfaces()) Add(found, i);
            foreach (var field in t.GetFields(Declared)) Add(found, field.FieldType);
            foreach (var property in t.GetProperties(Declared)) Add(found, property.PropertyType);
            foreach (var method in t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)))
            {
                if (method is MethodInfo info) Add(found, info.ReturnType);
                foreach (var parameter in method.GetParameters()) Add(found, parameter.ParameterType);
                foreach (var used in UsedInBody(method)) Add(found, used);
            }
        }

        return found;
    }

    private static IEnumerable<Type> WithNested(Type type) =>
        type.GetNestedTypes(Declared).SelectMany(WithNested).Prepend(type);

    private static IEnumerable<Type> UsedInBody(MethodBase method)
    {
        if (method.GetMethodBody()?.GetILAsByteArray() is not { } il)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var opCode = OpCodesByValue[value];
            at += opCode.Size;
            if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                if (member is Type t) yield return t;
                else if (member?.DeclaringType is { } declaring) yield return declaring;
                if (member is MethodInfo called) yield return called.ReturnType;
                if (member is FieldInfo field) yield return field.FieldType;
            }

            at += OperandSize(opCode, il, at);
        }
    }

    private static int OperandSize(OpCode opCode, byte[] il, int at) => opCode.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };

    private static void Add(HashSet<Type> found, Type? type)
    {
        if (type is null || !found.Add(type))
        {
            return;
        }

        if (type.HasElementType) Add(found, type.GetElementType());
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            Add(found, type.GetGenericTypeDefinition());
            foreach (var argument in type.GetGenericArguments()) Add(found, argument);
        }
    }
}
