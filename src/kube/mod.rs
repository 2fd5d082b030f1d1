//! Kubernetes YAML. `kube generate`: what ctl's containers, pods and volumes become as
//! Kubernetes objects, built only from k8s-openapi's typed structs, so field names and
//! types are Kubernetes' by construction. `kube play`: Pods, Deployments, DaemonSets, Jobs,
//! ConfigMaps, Secrets and PersistentVolumeClaims turned into ctl's pods, containers and
//! volumes.

pub mod generate;
pub mod play;
