package org.attnreg.bench;

import breeze.optimize.DiffFunction;
import java.lang.invoke.MethodHandles;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.xbean.asm9.ClassWriter;
import org.apache.xbean.asm9.MethodVisitor;
import org.apache.xbean.asm9.Opcodes;
import scala.Tuple2;

/**
 * Breeze {@link DiffFunction}s from Java lambdas. javac cannot implement that Scala trait: it
 * inherits {@code double apply(T)} and {@code Function1}'s {@code Object apply(T)}, which only the
 * Scala compiler reconciles (with a bridge method), and a {@code java.lang.reflect.Proxy} refuses the
 * pair too. So this writes the one small class scalac would have written (with Spark's shaded ASM)
 * and defines it as a hidden class: {@code calculate} calls the lambda, {@code Object apply} returns
 * the boxed value and {@code repr} returns this; everything else is the trait's default methods.
 */
final class DiffFunctions {
  private static final String NAME = "org/attnreg/bench/GeneratedDiffFunction";
  private static final String FUNCTION = "java/util/function/Function";

  private DiffFunctions() {}

  @SuppressWarnings("unchecked")
  static <T> DiffFunction<T> of(Function<T, Tuple2<Object, T>> calculate) {
    try {
      Class<?> type = MethodHandles.lookup().defineHiddenClass(bytecode(), true).lookupClass();
      return (DiffFunction<T>) type.getConstructor(Function.class).newInstance(calculate);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot define the Breeze DiffFunction adapter", e);
    }
  }

  private static byte[] bytecode() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME, null, "java/lang/Object",
        new String[] {"breeze/optimize/DiffFunction"});
    cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "f", "L" + FUNCTION + ";", null, null).visitEnd();
    method(cw, "<init>", "(L" + FUNCTION + ";)V", Opcodes.RETURN, DiffFunctions::constructor);
    method(cw, "calculate", "(Ljava/lang/Object;)Lscala/Tuple2;", Opcodes.ARETURN, DiffFunctions::calculate);
    method(cw, "apply", "(Ljava/lang/Object;)Ljava/lang/Object;", Opcodes.ARETURN, DiffFunctions::apply);
    method(cw, "repr", "()Ljava/lang/Object;", Opcodes.ARETURN, mv -> mv.visitVarInsn(Opcodes.ALOAD, 0));
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** A public method whose {@code body} leaves the result on the stack for {@code returnOpcode}. */
  private static void method(ClassWriter cw, String name, String descriptor, int returnOpcode,
      Consumer<MethodVisitor> body) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, name, descriptor, null, null);
    mv.visitCode();
    body.accept(mv);
    mv.visitInsn(returnOpcode);
    mv.visitMaxs(0, 0); // computed by the writer (COMPUTE_MAXS)
    mv.visitEnd();
  }

  /** {@code GeneratedDiffFunction(Function f) { super(); this.f = f; }} */
  private static void constructor(MethodVisitor mv) {
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    mv.visitFieldInsn(Opcodes.PUTFIELD, NAME, "f", "L" + FUNCTION + ";");
  }

  /** {@code Tuple2 calculate(Object x) { return (Tuple2) f.apply(x); }} */
  private static void calculate(MethodVisitor mv) {
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitFieldInsn(Opcodes.GETFIELD, NAME, "f", "L" + FUNCTION + ";");
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, FUNCTION, "apply", "(Ljava/lang/Object;)Ljava/lang/Object;", true);
    mv.visitTypeInsn(Opcodes.CHECKCAST, "scala/Tuple2");
  }

  /** {@code Object apply(Object x) { return calculate(x)._1(); }}, Function1's erased apply. */
  private static void apply(MethodVisitor mv) {
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, NAME, "calculate", "(Ljava/lang/Object;)Lscala/Tuple2;", false);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "scala/Tuple2", "_1", "()Ljava/lang/Object;", false);
  }
}
