//! Kubernetes YAML: what ctl's containers, pods and volumes become as Kubernetes objects
//! (`kube generate`). Objects are built only from k8s-openapi's typed structs, so field
//! names and types are Kubernetes' by construction.

pub mod generate;
